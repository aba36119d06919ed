namespace Conclave.Server.Policies;

/// <summary>Teams' policies: the admin API (New/Set/Get/Remove/Grant), a person's effective policies, and their live change events.</summary>
public static class PoliciesModule
{
    public static IServiceCollection AddConclavePolicies(this IServiceCollection services)
    {
        services.AddSingleton<PolicyService>();
        services.AddSingleton<PolicyTelemetry>();
        return services;
    }

    public static void MapConclavePolicies(this IEndpointRouteBuilder app)
    {
        app.MapPolicyAdminEndpoints();
        app.MapPolicyMeEndpoints();
        app.MapPolicyEventsEndpoint();
    }
}
