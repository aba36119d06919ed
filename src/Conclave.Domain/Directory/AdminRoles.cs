using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.Directory;

/// <summary>Rules on administrator roles: names, and which role may do what.</summary>
public static class AdminRoles
{
    public static IReadOnlyList<AdminRole> All { get; } = Enum.GetValues<AdminRole>();

    public static Result<AdminRole> Parse(string? name)
    {
        foreach (var role in All)
        {
            if (string.Equals(role.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                return role;
            }
        }

        return new Error(ErrorCodes.Directory.InvalidRole, $"Unknown role '{name}'. Roles: {string.Join(", ", All)}.");
    }

    /// <summary>Directory changes (users, groups, apps): Global or Teams administrator.</summary>
    public static bool CanManageDirectory(IEnumerable<AdminRole> roles) =>
        roles.Any(r => r is AdminRole.GlobalAdministrator or AdminRole.TeamsAdministrator);

    /// <summary>Only a Global administrator grants roles.</summary>
    public static bool CanGrantRoles(IEnumerable<AdminRole> roles) => roles.Contains(AdminRole.GlobalAdministrator);

    /// <summary>
    /// The privilege ceiling: an actor may change an account (a user or an app registration) only if
    /// it holds every role that account holds, so no one changes an account with more privilege than
    /// their own. Global administrators hold every privilege and may change anyone; only they change
    /// a Global administrator.
    /// </summary>
    public static bool CanChange(IReadOnlyCollection<AdminRole> actor, IEnumerable<AdminRole> target) =>
        actor.Contains(AdminRole.GlobalAdministrator) || target.All(actor.Contains);

    /// <summary>An actor may give an account only roles it holds itself; a Global administrator may give any.</summary>
    public static bool CanGrant(IReadOnlyCollection<AdminRole> actor, AdminRole role) =>
        actor.Contains(AdminRole.GlobalAdministrator) || actor.Contains(role);

    /// <summary>The audit log is for Global and Compliance administrators.</summary>
    public static bool CanReadAudit(IEnumerable<AdminRole> roles) =>
        roles.Any(r => r is AdminRole.GlobalAdministrator or AdminRole.ComplianceAdministrator);
}
