using System.ComponentModel.DataAnnotations;

namespace Conclave.Server.Observability;

/// <summary>
/// Settings of metrics and traces (configuration section <c>Conclave:Observability</c>). Everything is off
/// by default: with neither exporter on, no OpenTelemetry listener is attached and the instruments cost a
/// branch each.
/// </summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Conclave:Observability";

    /// <summary>The scrape path Prometheus and the OpenTelemetry exporter use by convention.</summary>
    public const string DefaultPrometheusPath = "/metrics";

    /// <summary>
    /// Serves the Prometheus text format at <see cref="PrometheusPath"/> on the server's own listener, to a
    /// Global or Teams administrator's token only (the same role as the relay and media metrics). Default false.
    /// </summary>
    public bool PrometheusEnabled { get; set; }

    /// <summary>Path of the scrape endpoint. Default <see cref="DefaultPrometheusPath"/>.</summary>
    [RegularExpression("^/[A-Za-z0-9/_.-]*$")]
    public string PrometheusPath { get; set; } = DefaultPrometheusPath;

    /// <summary>
    /// An OTLP collector (e.g. <c>http://127.0.0.1:4317</c>) that receives metrics and traces; none by
    /// default. The exporter's own <c>OTEL_EXPORTER_OTLP_*</c> variables still apply to the rest.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Also trace every HTTP request (ASP.NET Core instrumentation) when an exporter is on. Default true.</summary>
    public bool TraceHttpRequests { get; set; } = true;

    /// <summary>True when any exporter is on, so that OpenTelemetry is wired in at all.</summary>
    public bool AnyExporter => PrometheusEnabled || OtlpEndpoint is not null;
}
