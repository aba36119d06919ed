using System.Security.Claims;
using Conclave.Server.Directory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Conclave.Server.Identity;

/// <summary>The sign-in page's session cookie, set one way whichever way the sign-in ended (one form, or the steps of a first sign-in).</summary>
public static class SessionCookie
{
    /// <summary>Signs the browser in as <paramref name="user"/>, with the <c>amr</c> of what was checked and the current security stamp.</summary>
    public static async Task SignInAsync(HttpContext context, SignInManager<ConclaveUser> signInManager, ConclaveUser user, bool multiFactor)
    {
        var principal = await signInManager.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        SessionClaims.AddTo(identity, user.SecurityStamp, multiFactor);
        SessionClaims.AddBrowserSession(identity);
        await context.SignInAsync(IdentityConstants.ApplicationScheme, principal);
    }
}
