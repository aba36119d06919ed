using System.Security.Claims;
using Conclave.Domain.Directory;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Http;

/// <summary>Whether a token was issued to a person (a directory user) or to an app registration (client credentials).</summary>
public enum CallerKind
{
    User,
    App,
}

/// <summary>
/// Who the principal of a request is, from the claims the token endpoint wrote (Identity/ClaimsFactory.cs):
/// the subject, the <c>kind</c> claim (<c>App</c> for client-credentials tokens, a <see cref="Conclave.Domain.Directory.UserKind"/>
/// for users) and, for users, the <c>upn</c> claim. A display name (<c>name</c>) is never read: an app
/// registration chooses its own, and one named like a user must not pass as that user.
/// </summary>
/// <param name="Subject">The token subject: the user id, or the app's client id.</param>
/// <param name="Kind">User or App.</param>
/// <param name="Upn">The user's UPN; null for an app.</param>
/// <param name="UserKind">The user's kind (Member, Guest, …); null for an app.</param>
public sealed record CallerIdentity(string Subject, CallerKind Kind, string? Upn, UserKind? UserKind)
{
    /// <summary>The value of the <c>kind</c> claim in client-credentials tokens.</summary>
    public const string AppKind = "App";

    /// <summary>Prefix of an app's <see cref="Display"/>; a UPN never holds ':' (Domain/Directory/Upn.cs), so neither can pass as the other.</summary>
    public const string AppPrefix = "app:";

    public bool IsUser => Kind == CallerKind.User;

    /// <summary>How the caller is shown, e.g. in the audit log: the UPN of a user, <c>app:&lt;clientId&gt;</c> for an app.</summary>
    public string Display => Kind == CallerKind.App ? AppPrefix + Subject : Upn!;

    /// <summary>
    /// The caller of an authenticated principal; null when the principal is anonymous or its token lacks what
    /// every Conclave token carries (a subject, a known kind, and a UPN for a user).
    /// </summary>
    public static CallerIdentity? Of(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true || principal.GetClaim(Claims.Subject) is not { Length: > 0 } subject)
        {
            return null;
        }

        var kind = principal.GetClaim(ConclaveClaims.Kind);
        if (kind == AppKind)
        {
            // Whatever else the token holds, an app has no UPN.
            return new CallerIdentity(subject, CallerKind.App, null, null);
        }

        // Names only: Enum.TryParse would also take "0" or "Member,Guest".
        if (!Enum.GetNames<UserKind>().Contains(kind, StringComparer.Ordinal)
            || principal.GetClaim(ConclaveClaims.Upn) is not { Length: > 0 } upn)
        {
            return null;
        }

        return new CallerIdentity(subject, CallerKind.User, upn, Enum.Parse<UserKind>(kind!));
    }
}
