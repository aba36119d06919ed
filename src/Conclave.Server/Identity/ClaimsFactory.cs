using System.Security.Claims;
using Conclave.Server.Directory;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Identity;

/// <summary>Builds the claims of issued tokens from the directory, so roles are current at every refresh.</summary>
public sealed class ClaimsFactory(UserManager<ConclaveUser> users)
{
    public const string UpnClaim = "upn";
    public const string KindClaim = "kind";

    public async Task<ClaimsPrincipal> CreateAsync(ConclaveUser user, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(
            authenticationType: "conclave",
            nameType: Claims.Name,
            roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(UpnClaim, user.UserName)
            .SetClaim(KindClaim, user.Kind.ToString())
            .SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);
        identity.SetScopes(scopes);
        identity.SetResources("conclave-api");
        identity.SetDestinations(Destinations);
        return new ClaimsPrincipal(identity);
    }

    public static ClaimsPrincipal CreateForApp(string clientId, string displayName, IEnumerable<string> roles, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(authenticationType: "conclave", nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, displayName)
            .SetClaim(KindClaim, "App")
            .SetClaims(Claims.Role, [.. roles]);
        identity.SetScopes(scopes);
        identity.SetResources("conclave-api");
        identity.SetDestinations(Destinations);
        return new ClaimsPrincipal(identity);
    }

    private static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Name or Claims.PreferredUsername or Claims.Subject => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };
}
