using Conclave.Server.Audit;
using Microsoft.AspNetCore.Authorization;

namespace Conclave.Server.Admin;

/// <summary>
/// The admin API the cmdlets and the admin center use: users and roles, groups, app registrations.
/// Every refusal of an admin endpoint is audited (<see cref="AuditingAuthorizationResultHandler"/>).
/// </summary>
public static class AdminModule
{
    public static IServiceCollection AddConclaveAdmin(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        services.AddSingleton<IAuditObserver, AdminTelemetry>();
        return services;
    }

    public static void MapConclaveAdmin(this IEndpointRouteBuilder app)
    {
        app.MapUserAdminEndpoints();
        app.MapUserLifecycleEndpoints();
        app.MapUserSessionEndpoints();
        app.MapRoleRevocationEndpoint();
        app.MapGroupAdminEndpoints();
        app.MapAppAdminEndpoints();
    }
}
