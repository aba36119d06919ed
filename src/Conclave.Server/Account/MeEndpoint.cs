using Conclave.Contracts.Api;
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
                return Results.Ok(new MeView(
                    subject, null, context.User.GetClaim(Claims.Name), context.User.GetClaim(ConclaveClaims.Kind), context.User.GetClaims(Claims.Role), false));
            }

            return Results.Ok(new MeView(user.Id, user.UserName, user.DisplayName, user.Kind.ToString(), [.. await users.GetRolesAsync(user)], user.TwoFactorEnabled));
        }).Produces<MeView>();
}
