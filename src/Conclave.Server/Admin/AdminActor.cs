using System.Security.Claims;
using Conclave.Server.Auth;
using Conclave.Server.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Admin;

/// <summary>Who is calling an admin endpoint, for the audit log.</summary>
public sealed record AdminActor(string? Id, string? Upn, string? From)
{
    public static AdminActor Of(HttpContext context) => Of(context.User, ClientAddress.Of(context));

    public static AdminActor Of(ClaimsPrincipal user, string? from) =>
        new(user.GetClaim(Claims.Subject), user.GetClaim(ClaimsFactory.UpnClaim) ?? user.GetClaim(Claims.Name), from);
}
