using System.Diagnostics.Metrics;
using System.Net;
using Conclave.Protocols.Srtp;
using Conclave.Server.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conclave.Server.Media;

public static class MediaProcessorServiceCollectionExtensions
{
    /// <summary>Path of the media processor metrics (Global or Teams administrator), next to the relay's.</summary>
    public const string MetricsPath = "/api/admin/media/metrics";

    /// <summary>Registers the media processor: options from <c>MediaProcessor</c> (validated on start), metrics, and its hosted service.</summary>
    public static IServiceCollection AddConclaveMediaProcessor(this IServiceCollection services)
    {
        services.AddOptions<MediaProcessorOptions>()
            .BindConfiguration(MediaProcessorOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => IPAddress.TryParse(o.ListenAddress, out _), "Conclave:MediaProcessor:ListenAddress must be an IP address.")
            .Validate(o => string.IsNullOrEmpty(o.AnnouncedAddress) || IPAddress.TryParse(o.AnnouncedAddress, out _), "Conclave:MediaProcessor:AnnouncedAddress must be an IP address.")
            .Validate(o => o.MinPort <= o.MaxPort, "Conclave:MediaProcessor:MinPort must not exceed Conclave:MediaProcessor:MaxPort.")
            .Validate(o => o.HandshakeTimeout > TimeSpan.Zero, "Conclave:MediaProcessor:HandshakeTimeout must be positive.")
            .Validate(
                o => SrtpContextOptions.IsValidReplayWindowSize(o.SrtpReplayWindowSize),
                "Conclave:MediaProcessor:SrtpReplayWindowSize must be a multiple of 64 from 64 (RFC 3711 §3.3.2) to 32768.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new MediaProcessorMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<MediaProcessor>();
        services.AddHostedService<MediaProcessorHostedService>();
        return services;
    }

    /// <summary>Maps the administrators' metrics endpoint at <see cref="MetricsPath"/>.</summary>
    public static void MapConclaveMediaProcessor(this IEndpointRouteBuilder app) =>
        app.MapGet(MetricsPath, (MediaProcessorMetrics metrics) => Results.Ok(metrics.Snapshot()))
            .RequireAuthorization(AdminPolicies.Directory).Produces<MediaProcessorMetricsSnapshot>();
}
