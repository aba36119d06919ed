using System.Security.Claims;
using Conclave.Domain.Common;
using Conclave.Server.Http;
using Conclave.Server.Identity;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Sessions;

/// <summary>
/// Answers, from the directory as it is now, whether a token's principal may still act: the user
/// exists, is enabled, the token was issued under the current security stamp and its session was not
/// revoked; an app registration
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
        return OfAccount(user?.Enabled == true, user?.SecurityStamp, principal)
            ?? await OfSessionAsync(principal, cancellationToken);
    }

    /// <summary>
    /// The rule for one signed-in session: its authorization has not been revoked (Devices,
    /// <see cref="SignInSessions"/>). Asked here too, not only through the token entry, so that a hub
    /// connection or event stream opened on another node ends at its next check or sweep.
    /// </summary>
    private async Task<Error?> OfSessionAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.GetAuthorizationId() is not { } id)
        {
            return null;
        }

        var status = await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().AsNoTracking()
            .Where(a => a.Id == id)
            .Select(a => a.Status)
            .FirstOrDefaultAsync(cancellationToken);
        return status == Statuses.Valid ? null : SessionErrors.Revoked;
    }

    /// <summary>The rule for a person's session: the account exists and is enabled, and the session holds its current stamp.</summary>
    internal static Error? OfAccount(bool enabled, string? securityStamp, ClaimsPrincipal session) =>
        !enabled ? SessionErrors.AccountDisabled
        : SessionClaims.StampMatches(session, securityStamp) ? null
        : SessionErrors.Revoked;
}
