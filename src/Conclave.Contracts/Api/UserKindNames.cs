namespace Conclave.Contracts.Api;

/// <summary>The participant kinds the API takes and shows (docs/api.md); the server's UserKind enum has the same names.</summary>
public static class UserKindNames
{
    public static IReadOnlyList<string> All { get; } = ["Member", "Guest", "Federated", "Anonymous", "Pstn"];

    /// <summary>The kinds a user account can hold, and so the kinds an account can be changed to.</summary>
    public static IReadOnlyList<string> WithAccount { get; } = ["Member", "Guest", "Federated"];
}
