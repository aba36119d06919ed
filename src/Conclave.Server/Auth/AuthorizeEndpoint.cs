using System.Security.Claims;
using Conclave.Domain.Common;
using Conclave.Server.Identity;
using Conclave.Server.Sessions;
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
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], HandleAsync).AllowAnonymous().DisableAntiforgery()
            .Produces(StatusCodes.Status302Found);

    private static async Task<IResult> HandleAsync(HttpContext context, IssuanceRules rules)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID request.");
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);

        // The browser session goes on only under the rules a fresh sign-in would meet now; otherwise
        // (disabled, password changed, MFA now required) the person signs in again on the sign-in page.
        Result<ClaimsPrincipal>? continued = cookie.Succeeded ? await rules.ContinueAsync(cookie.Principal!, request.GetScopes()) : (Result<ClaimsPrincipal>?)null;
        if (continued is not { IsSuccess: true } principal)
        {
            if (continued is not null)
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            }

            var query = context.Request.HasFormContentType
                ? QueryString.Create(context.Request.Form.Select(p => KeyValuePair.Create(p.Key, p.Value)))
                : context.Request.QueryString;
            var returnUrl = context.Request.PathBase + context.Request.Path + query;
            return Results.Redirect($"{LoginPage.Path}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        return Results.SignIn(principal.Value, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
