using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Admin;

/// <summary>
/// The sentence a refused caller reads in a 403's <c>detail</c>: which role(s) the endpoint's policy
/// (<see cref="Http.AdminPolicies"/>) accepts and which the caller's token carries, so a person knows
/// whom to ask instead of reading a bare <c>auth.forbidden</c>.
/// </summary>
internal static class RequiredRoles
{
    /// <summary>Null when the policy names no role (e.g. a user-only surface).</summary>
    public static string? Describe(AuthorizationPolicy policy, ClaimsPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct(StringComparer.Ordinal).ToList();
        if (roles.Count == 0)
        {
            return null;
        }

        var held = caller.GetClaims(Claims.Role).Distinct(StringComparer.Ordinal).ToList();
        var needs = roles.Count == 1 ? $"the {roles[0]} role" : $"one of the roles {string.Join(", ", roles.Take(roles.Count - 1))} or {roles[^1]}";
        var has = held.Count == 0 ? "holds no admin role" : $"holds {string.Join(", ", held)}";
        // A role granted after sign-in reaches the token at the next sign-in (roles are claims of the token).
        return $"This needs {needs}; your sign-in {has}. A Global administrator can grant a role (Grant-CsAdminRole); sign in again after a grant.";
    }
}
