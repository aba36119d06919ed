using Conclave.Server.Identity;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Auth;

/// <summary>GET /connect/userinfo (OpenID Connect Core §5.3).</summary>
public static class UserInfoEndpoint
{
    public static void MapUserInfoEndpoint(this IEndpointRouteBuilder app) =>
        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], async (HttpContext context) =>
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var principal = result.Principal;
            if (principal is null)
            {
                return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            return Results.Ok(new Dictionary<string, object?>
            {
                [Claims.Subject] = principal.GetClaim(Claims.Subject),
                [Claims.Name] = principal.GetClaim(Claims.Name),
                [Claims.PreferredUsername] = principal.GetClaim(Claims.PreferredUsername),
                [ClaimsFactory.UpnClaim] = principal.GetClaim(ClaimsFactory.UpnClaim),
                [Claims.Role] = principal.GetClaims(Claims.Role),
            });
        }).AllowAnonymous().DisableAntiforgery();
}
