namespace Conclave.Server.FirstRun;

/// <summary>What a new deployment needs before anyone can sign in: the tenant, the first administrator, the built-in clients.</summary>
public static class FirstRunModule
{
    public static IServiceCollection AddConclaveFirstRun(this IServiceCollection services)
    {
        services.AddScoped<Bootstrapper>();
        return services;
    }
}
