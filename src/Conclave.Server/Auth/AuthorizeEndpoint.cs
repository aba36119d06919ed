using Conclave.Server.Directory;
using Conclave.Server.Identity;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Conclave.Server.Auth;

/// <summary>
/// GET/POST /connect/authorize (authorization code + PKCE for conclave-web): a person signed in by the
/// session cookie gets a code at once (first-party client, no consent screen); others go to the sign-in page.
/// </summary>
public static class AuthorizeEndpoint
{
    public static void MapAuthorizeEndpoint(this IEndpointRouteBuilder app) =>
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], HandleAsync).AllowAnonymous().DisableAntiforgery();

    private static async Task<IResult> HandleAsync(HttpContext context, UserManager<ConclaveUser> users, ClaimsFactory claims)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID request.");
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal!) : null;
        if (user is null || !user.Enabled)
        {
            var query = context.Request.HasFormContentType
                ? QueryString.Create(context.Request.Form.Select(p => KeyValuePair.Create(p.Key, p.Value)))
                : context.Request.QueryString;
            var returnUrl = context.Request.PathBase + context.Request.Path + query;
            return Results.Redirect($"{LoginPage.Path}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var principal = await claims.CreateAsync(user, request.GetScopes());
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
