using System.Security.Claims;
using System.Text.Json.Nodes;
using Conclave.Domain.Common;
using Conclave.Domain.Directory;
using Conclave.Server.Audit;
using Conclave.Server.Http;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Admin;

/// <summary>
/// The privilege ceiling (<see cref="AdminRoles.CanChange"/>, <see cref="AdminRoles.CanGrant"/>) applied to
/// the caller of an admin endpoint, a person or an app, by the roles its access token carries.
/// </summary>
internal static class AdminPrivilege
{
    public static IReadOnlyCollection<AdminRole> RolesOf(ClaimsPrincipal principal) =>
        [.. principal.GetClaims(Claims.Role).Select(AdminRoles.Parse).Where(r => r.IsSuccess).Select(r => r.Value).Distinct()];

    /// <summary>Null when the caller may change <paramref name="account"/>, which holds <paramref name="accountRoles"/>; else the refusal.</summary>
    public static Error? CheckChange(ClaimsPrincipal caller, string account, IEnumerable<string> accountRoles)
    {
        // A role name that is not known is taken as the most privileged one.
        var held = accountRoles.Select(n => AdminRoles.Parse(n) is { IsSuccess: true } r ? r.Value : AdminRole.GlobalAdministrator);
        return AdminRoles.CanChange(RolesOf(caller), held) ? null : DirectoryErrors.CannotChange(account);
    }

    /// <summary>Null when the caller may give every role in <paramref name="roles"/>; else the refusal for the first it may not.</summary>
    public static Error? CheckGrant(ClaimsPrincipal caller, IEnumerable<AdminRole> roles)
    {
        var own = RolesOf(caller);
        foreach (var role in roles)
        {
            if (!AdminRoles.CanGrant(own, role))
            {
                return DirectoryErrors.CannotGrant(role);
            }
        }

        return null;
    }

    /// <summary>
    /// Answers the refusal (403) and records it as <c>admin.denied</c>, as a refusal by role is. The record
    /// is written on its own and is not cut short by the client leaving; call it with no
    /// <see cref="AuditedTransaction"/> open.
    /// </summary>
    public static async Task<IResult> RefuseAsync(HttpContext context, IAuditLog audit, Error refusal, string? field = null)
    {
        await audit.RecordAsync(
            new AuditEntry(
                AuditActions.AdminDenied,
                AuditOutcome.Denied,
                context.User.GetClaim(Claims.Subject),
                context.User.GetClaim(ConclaveClaims.Upn),
                Target: $"{context.Request.Method} {context.Request.Path}",
                FromAddress: ClientAddress.Of(context),
                Details: new JsonObject { ["code"] = refusal.Code, ["roles"] = string.Join(",", context.User.GetClaims(Claims.Role)) }),
            CancellationToken.None);
        return Problems.FromError(refusal, field);
    }
}
