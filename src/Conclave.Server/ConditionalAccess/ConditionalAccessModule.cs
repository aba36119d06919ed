namespace Conclave.Server.ConditionalAccess;

/// <summary>
/// Conditional access (docs/api.md, "Conditional access"): named locations, policies, device compliance and What If,
/// and the gate the chat API and hub, the admin API and sign-in pass.
/// </summary>
public static class ConditionalAccessModule
{
    public static IServiceCollection AddConclaveConditionalAccess(this IServiceCollection services)
    {
        services.AddSingleton<ConditionalAccessPolicySource>();
        services.AddSingleton<AccessContext>();
        services.AddScoped<ConditionalAccessGate>();
        services.AddScoped<ConditionalAccessAdminService>();
        return services;
    }

    /// <summary>After authorization: every user's request of the chat and admin APIs is evaluated (<see cref="ConditionalAccessMiddleware"/>).</summary>
    public static void UseConclaveConditionalAccess(this IApplicationBuilder app) => app.UseConditionalAccess();

    public static void MapConclaveConditionalAccess(this IEndpointRouteBuilder app) => app.MapConditionalAccessEndpoints();
}
