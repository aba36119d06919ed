using System.Text.Json;
using Conclave.Server.Http;
using Conclave.Server.Sessions;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Auth;

/// <summary>GET /connect/userinfo (OpenID Connect Core §5.3).</summary>
public static class UserInfoEndpoint
{
    public static void MapUserInfoEndpoint(this IEndpointRouteBuilder app) =>
        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], async (HttpContext context, PrincipalState state) =>
        {
            // The authorization server validates this token itself, so the directory check that every
            // API request gets (Sessions/AccessTokenStateHandler) is asked here too.
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var principal = result.Principal;
            if (principal is null || await state.CheckAsync(principal, context.RequestAborted) is not null)
            {
                return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            return Results.Ok(new Dictionary<string, object?>
            {
                [Claims.Subject] = principal.GetClaim(Claims.Subject),
                [Claims.Name] = principal.GetClaim(Claims.Name),
                [Claims.PreferredUsername] = principal.GetClaim(Claims.PreferredUsername),
                [ConclaveClaims.Upn] = principal.GetClaim(ConclaveClaims.Upn),
                [Claims.Role] = principal.GetClaims(Claims.Role),
            });
        }).AllowAnonymous().DisableAntiforgery()
            // OpenID Connect Core 1.0 §5.3.2: the claims of the token's subject.
            .Produces<Dictionary<string, JsonElement>>().Produces(StatusCodes.Status401Unauthorized);
}
