namespace Conclave.Domain.ConditionalAccess;

/// <summary>
/// What a conditional access policy covers (Entra's "target resources"): signing in, the chat API and hub, the admin
/// API, and content under a sensitivity label that demands it. A request is for exactly one of them.
/// </summary>
[Flags]
public enum AccessApplications
{
    None = 0,
    SignIn = 1,
    Chat = 2,
    AdminApi = 4,
    SecureLabels = 8,
    All = SignIn | Chat | AdminApi | SecureLabels,
}
