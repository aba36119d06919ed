using Conclave.Domain.Directory;
using Microsoft.AspNetCore.Authorization;

namespace Conclave.Server.Http;

/// <summary>Authorization policies of the admin API, by directory role (docs/api.md).</summary>
public static class AdminPolicies
{
    public const string Directory = "admin.directory";
    public const string Roles = "admin.roles";
    public const string Audit = "admin.audit";

    /// <summary>Data-loss prevention (Purview's habit: compliance administrators manage DLP).</summary>
    public const string Compliance = "admin.compliance";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Directory, p => p.RequireAuthenticatedUser()
            .RequireRole(nameof(AdminRole.GlobalAdministrator), nameof(AdminRole.TeamsAdministrator)));
        options.AddPolicy(Roles, p => p.RequireAuthenticatedUser().RequireRole(nameof(AdminRole.GlobalAdministrator)));
        options.AddPolicy(Audit, p => p.RequireAuthenticatedUser()
            .RequireRole(nameof(AdminRole.GlobalAdministrator), nameof(AdminRole.ComplianceAdministrator)));
        options.AddPolicy(Compliance, p => p.RequireAuthenticatedUser()
            .RequireRole(nameof(AdminRole.GlobalAdministrator), nameof(AdminRole.ComplianceAdministrator)));
    }
}
