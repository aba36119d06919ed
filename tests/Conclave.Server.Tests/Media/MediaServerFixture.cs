using Conclave.Server.Media;
using Conclave.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Media;

/// <summary>The real server with its media processor on ephemeral loopback ports.</summary>
public class MediaServerFixture : ServerFixture
{
    public MediaProcessor Processor => Services.GetRequiredService<MediaProcessor>();

    public MediaProcessorMetrics Metrics => Services.GetRequiredService<MediaProcessorMetrics>();

    protected override TestHostOptions Options => new() { Media = true };

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Conclave:MediaProcessor:HandshakeTimeout"] = "00:00:05",
    };
}
