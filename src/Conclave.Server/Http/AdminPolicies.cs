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

    /// <summary>Conditional access: named locations, policies, What If, devices (Entra's habit: Global administrators; Conclave has no Security administrator).</summary>
    public const string ConditionalAccess = "admin.conditional_access";

    /// <summary>
    /// Marking a device compliant: a Global administrator, or an app registration holding
    /// <see cref="Contracts.Api.AppRoleNames.DeviceCompliance"/> (an MDM integration). Deny by default: an app holding any
    /// other role, even an admin role, is refused, and so is a person without the Global administrator role.
    /// </summary>
    public const string DeviceCompliance = "admin.device_compliance";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Directory, p => p.RequireAuthenticatedUser()
            .RequireRole(nameof(AdminRole.GlobalAdministrator), nameof(AdminRole.TeamsAdministrator)));
        options.AddPolicy(Roles, p => p.RequireAuthenticatedUser().RequireRole(nameof(AdminRole.GlobalAdministrator)));
        options.AddPolicy(Audit, p => p.RequireAuthenticatedUser()
            .RequireRole(nameof(AdminRole.GlobalAdministrator), nameof(AdminRole.ComplianceAdministrator)));
        options.AddPolicy(Compliance, p => p.RequireAuthenticatedUser()
            .RequireRole(nameof(AdminRole.GlobalAdministrator), nameof(AdminRole.ComplianceAdministrator)));
        options.AddPolicy(ConditionalAccess, p => p.RequireAuthenticatedUser().RequireRole(nameof(AdminRole.GlobalAdministrator)));
        options.AddPolicy(DeviceCompliance, p => p.RequireAuthenticatedUser().RequireAssertion(context =>
            CallerIdentity.Of(context.User) is { } caller
            && context.User.IsInRole(caller.IsUser ? nameof(AdminRole.GlobalAdministrator) : Contracts.Api.AppRoleNames.DeviceCompliance)));
    }
}
