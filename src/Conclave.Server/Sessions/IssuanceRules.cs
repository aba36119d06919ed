using System.Security.Claims;
using Conclave.Domain.Common;
using Conclave.Server.Directory;
using Conclave.Server.Identity;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Sessions;

/// <summary>
/// The one set of rules every token issued to a person goes through, whatever the grant. A fresh
/// sign-in (password grant, sign-in page) has been checked by <see cref="SignInService"/>; a grant that
/// continues a session (refresh token, authorization code, device code, the sign-in cookie at
/// /connect/authorize and /connect/verify) is checked here against the account as it is now:
/// enabled, same security stamp, the browser session not revoked, no pending password change, and MFA performed in that session
/// whenever the account requires it now — so a session that signed in without MFA cannot carry on
/// once an administrator role makes MFA required (step-up: sign in again with the second factor).
/// </summary>
public sealed class IssuanceRules(UserManager<ConclaveUser> users, SignInService signIns, ClaimsFactory claims, SignInSessions sessions)
{
    /// <summary>The token principal for a session continued from <paramref name="session"/>, or why not.</summary>
    public async Task<Result<ClaimsPrincipal>> ContinueAsync(ClaimsPrincipal session, IEnumerable<string> scopes)
    {
        var checkedUser = await CheckAsync(session);
        if (!checkedUser.IsSuccess)
        {
            return checkedUser.Error;
        }

        return await claims.CreateAsync(checkedUser.Value, scopes, SessionClaims.PerformedMfa(session));
    }

    /// <summary>The account behind a session if the session may continue, or why not.</summary>
    public async Task<Result<ConclaveUser>> CheckAsync(ClaimsPrincipal session)
    {
        var subject = session.GetClaim(Claims.Subject) ?? session.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = subject is null ? null : await users.FindByIdAsync(subject);
        if (PrincipalState.OfAccount(user?.Enabled == true, user?.SecurityStamp, session) is { } refusal)
        {
            return refusal;
        }

        // A sign-in cookie whose web session was revoked (from another device, or by an administrator) is over too.
        if (session.FindFirst(SessionClaims.BrowserSession)?.Value is { } browser
            && await sessions.BrowserSessionEndedAsync(user!.Id, browser, CancellationToken.None))
        {
            return SessionErrors.Revoked;
        }

        if (user!.MustChangePassword)
        {
            return SessionErrors.PasswordChangeRequired;
        }

        if (!SessionClaims.PerformedMfa(session) && await signIns.RequiresMfaAsync(user))
        {
            return SessionErrors.StepUpRequired;
        }

        return user;
    }
}
