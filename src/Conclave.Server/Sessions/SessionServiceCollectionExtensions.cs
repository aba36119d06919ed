using Microsoft.AspNetCore.SignalR;

namespace Conclave.Server.Sessions;

public static class SessionServiceCollectionExtensions
{
    /// <summary>The per-request principal check, live-request tracking, session termination and the list of signed-in sessions.</summary>
    public static IServiceCollection AddConclaveSessions(this IServiceCollection services)
    {
        services.AddScoped<PrincipalState>();
        services.AddScoped<SessionTermination>();
        services.AddScoped<IssuanceRules>();
        services.AddScoped<SignInSessions>();
        services.AddSingleton<LiveRequests>();
        services.AddHostedService<LiveRequestSweeper>();
        services.Configure<HubOptions>(o => o.AddFilter<SessionHubFilter>());
        return services;
    }

    /// <summary>Tracks authenticated requests in flight; goes right after authentication.</summary>
    public static IApplicationBuilder UseLiveRequestTracking(this IApplicationBuilder app) =>
        app.UseMiddleware<LiveRequestMiddleware>();
}
