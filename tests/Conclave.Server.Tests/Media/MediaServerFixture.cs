using Conclave.Server.Media;
using Conclave.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Media;

/// <summary>The real server with its media processor on ephemeral loopback ports.</summary>
public class MediaServerFixture : ServerFixture
{
    public MediaProcessor Processor => Server.App.Services.GetRequiredService<MediaProcessor>();

    public MediaProcessorMetrics Metrics => Server.App.Services.GetRequiredService<MediaProcessorMetrics>();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Conclave:MediaProcessor:ListenAddress"] = "127.0.0.1",
        ["Conclave:MediaProcessor:MinPort"] = "0",
        ["Conclave:MediaProcessor:MaxPort"] = "0",
        ["Conclave:MediaProcessor:HandshakeTimeout"] = "00:00:05",
    };
}
