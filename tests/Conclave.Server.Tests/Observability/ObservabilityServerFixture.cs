using Conclave.Server.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Conclave.Server.Tests.Observability;

/// <summary>
/// The real server with the Prometheus scrape endpoint on, and every log line of every category captured
/// from Trace up, OpenIddict's included: it logs each token request it extracts, and the second factor must
/// not be in it (Auth/SecondFactorParameters).
/// </summary>
public sealed class ObservabilityServerFixture : ServerFixture
{
    public const string MetricsPath = "/metrics";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Conclave:Observability:PrometheusEnabled"] = "true",
    };

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        // Rules for this provider outrank the category levels of appsettings.json and the server.
        builder.Logging.AddFilter<CapturedLogs>(category: null, LogLevel.Trace);
        builder.Logging.AddFilter<CapturedLogs>("OpenIddict", LogLevel.Trace);
    }
}
