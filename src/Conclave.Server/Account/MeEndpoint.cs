using Conclave.Server.Directory;
using Conclave.Server.Http;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Account;

/// <summary>GET /api/me: who the bearer token belongs to.</summary>
public static class MeEndpoint
{
    public static void MapMeEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/me", async (HttpContext context, UserManager<ConclaveUser> users) =>
        {
            // An app's client id is never looked up as a user id: the token's kind says which it is.
            var caller = CallerIdentity.Of(context.User);
            var subject = caller?.Subject ?? context.User.GetClaim(Claims.Subject);
            var user = caller is { IsUser: true } ? await users.FindByIdAsync(caller.Subject) : null;
            if (user is null)
            {
                // An app registration (client credentials) has no directory account.
                return Results.Ok(new
                {
                    id = subject,
                    upn = (string?)null,
                    displayName = context.User.GetClaim(Claims.Name),
                    kind = context.User.GetClaim(ConclaveClaims.Kind),
                    roles = context.User.GetClaims(Claims.Role),
                    mfaEnabled = false,
                });
            }

            return Results.Ok(new
            {
                id = user.Id,
                upn = user.UserName,
                displayName = user.DisplayName,
                kind = user.Kind.ToString(),
                roles = await users.GetRolesAsync(user),
                mfaEnabled = user.TwoFactorEnabled,
            });
        });
}
