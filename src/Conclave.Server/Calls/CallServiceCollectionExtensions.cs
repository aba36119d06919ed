using System.Text.Json.Serialization;
using Conclave.Server.Presence;
using Conclave.Server.Relay;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conclave.Server.Calls;

public static class CallServiceCollectionExtensions
{
    /// <summary>SignalR, the call hub's services, presence (<see cref="PresenceServiceCollectionExtensions.AddConclavePresence"/>), the call history and <see cref="CallOptions"/>. The relay's options are read for TURN credentials when the relay is registered.</summary>
    public static IServiceCollection AddConclaveCalls(this IServiceCollection services)
    {
        services.AddSignalR(o => o.AddFilter<HubRefusalReporter>())
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .AddHubOptions<CallHub>(o => o.MaximumReceiveMessageSize = HubArguments.MaxMessageBytes);
        services.AddOptions<CallOptions>().BindConfiguration(CallOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RelayOptions>();
        services.TryAddKeyedSingleton<TimeProvider>(CallService.ClockKey, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.AddConclavePresence();
        services.AddSingleton<CallHistory>();
        services.AddSingleton<LiveCalls>();
        services.AddSingleton<StandardMediaBridge>();
        services.AddSingleton<SdpRelay>();
        services.AddSingleton<RefusalAudit>();
        services.AddHostedService(sp => sp.GetRequiredService<RefusalAudit>());
        services.AddSingleton<CallTelemetry>();
        services.AddSingleton<CallAudit>();
        services.AddSingleton<RingLimiter>();
        services.AddSingleton<IceServerIssuer>();
        services.AddSingleton<CallService>();
        return services;
    }

    /// <summary>
    /// Before authentication: the hub's WebSocket clients carry their access token in the query string,
    /// accepted on the hub's path alone (<see cref="HubAccessTokenMiddleware"/>).
    /// </summary>
    public static IApplicationBuilder UseConclaveCalls(this IApplicationBuilder app) => app.UseMiddleware<HubAccessTokenMiddleware>();

    /// <summary>Maps the call hub at <see cref="CallHub.Path"/> and the call history at <see cref="CallHistoryEndpoints.Path"/> (on a group that requires authorization).</summary>
    public static void MapConclaveCalls(this IEndpointRouteBuilder app)
    {
        app.MapCallHub();
        app.MapCallHistoryEndpoints();
    }

    /// <summary>Maps the call hub at <see cref="CallHub.Path"/> (on a group that requires authorization).</summary>
    /// <remarks>A connection closes when its access token expires (the token was checked only when it opened).</remarks>
    public static void MapCallHub(this IEndpointRouteBuilder app) => app.MapHub<CallHub>(CallHub.Path, o =>
    {
        o.CloseOnAuthenticationExpiration = true;
        // Room for one whole message of the largest size before the transport applies backpressure.
        o.ApplicationMaxBufferSize = HubArguments.MaxMessageBytes;
        o.TransportMaxBufferSize = HubArguments.MaxMessageBytes;
    });
}
