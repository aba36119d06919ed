namespace Conclave.Server.Audit;

/// <summary>The append-only audit log: written by every feature in the transaction of its change, read by compliance administrators.</summary>
public static class AuditModule
{
    public static IServiceCollection AddConclaveAudit(this IServiceCollection services)
    {
        services.AddSingleton<IAuditLog, AuditLog>();
        return services;
    }

    public static void MapConclaveAudit(this IEndpointRouteBuilder app) => app.MapAuditEndpoints();
}
