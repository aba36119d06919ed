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
        ["MediaProcessor:ListenAddress"] = "127.0.0.1",
        ["MediaProcessor:MinPort"] = "0",
        ["MediaProcessor:MaxPort"] = "0",
        ["MediaProcessor:HandshakeTimeout"] = "00:00:05",
    };
}
