using System.Security.Claims;
using Conclave.Domain.Common;
using Conclave.Server.Http;
using Conclave.Server.Identity;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Sessions;

/// <summary>
/// Answers, from the directory as it is now, whether a token's principal may still act: the user
/// exists, is enabled and the token was issued under the current security stamp; an app registration
/// exists and is enabled. Asked on every API request, every hub invocation and every token issuance,
/// so that a disable or a password change takes effect at the next request, not at token expiry.
/// </summary>
public sealed class PrincipalState(ConclaveDbContext db)
{
    /// <summary>Null when the principal may act; otherwise why not.</summary>
    public async Task<Error?> CheckAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var subject = principal.GetClaim(Claims.Subject);
        if (string.IsNullOrEmpty(subject))
        {
            return SessionErrors.Revoked;
        }

        if (principal.GetClaim(ConclaveClaims.Kind) == CallerIdentity.AppKind)
        {
            var enabled = await db.AppRegistrations.AsNoTracking()
                .Where(a => a.ClientId == subject)
                .Select(a => (bool?)a.Enabled)
                .FirstOrDefaultAsync(cancellationToken);
            return enabled == true ? null : SessionErrors.AccountDisabled;
        }

        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == subject)
            .Select(u => new { u.Enabled, u.SecurityStamp })
            .FirstOrDefaultAsync(cancellationToken);
        return OfAccount(user?.Enabled == true, user?.SecurityStamp, principal);
    }

    /// <summary>The rule for a person's session: the account exists and is enabled, and the session holds its current stamp.</summary>
    internal static Error? OfAccount(bool enabled, string? securityStamp, ClaimsPrincipal session) =>
        !enabled ? SessionErrors.AccountDisabled
        : SessionClaims.StampMatches(session, securityStamp) ? null
        : SessionErrors.Revoked;
}
