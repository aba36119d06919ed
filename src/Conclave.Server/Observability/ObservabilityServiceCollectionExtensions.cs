using Conclave.Server.Hosting;
using Conclave.Server.Http;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Conclave.Server.Observability;

public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>The service name in every exported resource (OpenTelemetry semantic conventions, <c>service.name</c>).</summary>
    public const string ServiceName = "conclave-server";

    /// <summary>
    /// Binds <see cref="ObservabilityOptions"/> and, when an exporter is on, wires OpenTelemetry in: metrics of
    /// every Conclave meter (<see cref="ConclaveTelemetry.NamePattern"/>) to Prometheus and/or OTLP, traces of
    /// every Conclave activity source (and of HTTP requests) to OTLP.
    /// </summary>
    public static IServiceCollection AddConclaveObservability(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = Read(configuration);
        if (!options.AnyExporter)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(ServiceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(ConclaveTelemetry.NamePattern);
            if (options.PrometheusEnabled)
            {
                // A scrape reads the counters as they are now; the exporter's 300 ms response cache would
                // answer a second scrape within that window with the first one's figures.
                metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            }

            if (options.OtlpEndpoint is { } endpoint)
            {
                metrics.AddOtlpExporter(o => o.Endpoint = endpoint);
            }
        });
        if (options.OtlpEndpoint is { } traces)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(ConclaveTelemetry.NamePattern);
                if (options.TraceHttpRequests)
                {
                    tracing.AddAspNetCoreInstrumentation();
                }

                tracing.AddOtlpExporter(o =>
                {
                    o.Endpoint = traces;
                    o.Protocol = OtlpExportProtocol.Grpc;
                });
            });
        }

        return services;
    }

    /// <summary>
    /// Maps the Prometheus scrape endpoint when it is on, behind the Global or Teams administrator role
    /// (<see cref="AdminPolicies.Directory"/>); when off the path is not mapped and answers 404.
    /// </summary>
    public static void MapConclaveObservability(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ObservabilityOptions>>().Value;
        if (options.PrometheusEnabled)
        {
            app.MapPrometheusScrapingEndpoint(options.PrometheusPath).RequireAuthorization(AdminPolicies.Directory);
        }
    }

    private static ObservabilityOptions Read(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException($"{ObservabilityOptions.Section}: {e.InnerException?.Message ?? e.Message}", e);
        }
    }
}
