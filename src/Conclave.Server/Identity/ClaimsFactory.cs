using System.Security.Claims;
using Conclave.Server.Directory;
using Conclave.Server.Http;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Identity;

/// <summary>
/// Builds the claims of issued tokens from the directory, so roles are current at every refresh, and
/// ties them to their session (<see cref="SessionClaims"/>: how the person signed in, under which
/// security stamp).
/// </summary>
public sealed class ClaimsFactory(UserManager<ConclaveUser> users)
{
    /// <summary>The principal of a token for a person; <paramref name="multiFactor"/> says whether the session behind it performed MFA (carried from sign-in, never upgraded).</summary>
    public async Task<ClaimsPrincipal> CreateAsync(ConclaveUser user, IEnumerable<string> scopes, bool multiFactor)
    {
        var identity = new ClaimsIdentity(
            authenticationType: "conclave",
            nameType: Claims.Name,
            roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(ConclaveClaims.Upn, user.UserName)
            .SetClaim(ConclaveClaims.Kind, user.Kind.ToString())
            .SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)])
            .SetClaims(SessionClaims.AuthenticationMethods, [.. SessionClaims.Methods(multiFactor)])
            .SetClaim(SessionClaims.Stamp, SessionClaims.StampOf(user.SecurityStamp));
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
            .SetClaim(ConclaveClaims.Kind, "App")
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
