using Conclave.Server.Hosting;

namespace Conclave.Server.Throttling;

/// <summary>Rate limits on the sign-in surfaces, per address, subnet and account.</summary>
public static class ThrottlingModule
{
    public static IServiceCollection AddConclaveThrottling(this IServiceCollection services)
    {
        services.AddValidatedOptions<ThrottlingOptions>(ThrottlingOptions.Section);
        return services;
    }

    /// <summary>After routing (it knows the endpoint), before authentication (a flood costs no password hash).</summary>
    public static IApplicationBuilder UseConclaveThrottling(this IApplicationBuilder app) => app.UseMiddleware<SignInThrottleMiddleware>();
}
