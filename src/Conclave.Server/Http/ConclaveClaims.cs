namespace Conclave.Server.Http;

/// <summary>
/// The claim types Conclave adds to its tokens and cookies beside the OpenID Connect ones; what every
/// feature reads to know the current caller (<see cref="CallerIdentity"/>).
/// </summary>
public static class ConclaveClaims
{
    /// <summary>The person's user principal name (<c>alice@contoso.example</c>).</summary>
    public const string Upn = "upn";

    /// <summary>The principal's kind: a directory user kind (Member, Guest, …) or <see cref="CallerIdentity.AppKind"/>.</summary>
    public const string Kind = "kind";
}
