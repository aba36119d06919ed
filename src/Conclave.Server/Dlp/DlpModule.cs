namespace Conclave.Server.Dlp;

/// <summary>Data-loss prevention (docs/api.md, "DLP"): the policies' administration and the gate every content path passes.</summary>
public static class DlpModule
{
    public static IServiceCollection AddConclaveDlp(this IServiceCollection services)
    {
        services.AddSingleton<DlpPolicySource>();
        services.AddSingleton<DlpGate>();
        services.AddScoped<DlpAdminService>();
        return services;
    }

    public static void MapConclaveDlp(this IEndpointRouteBuilder app) => app.MapDlpEndpoints();
}
