using Conclave.Server.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Media;

/// <summary>The handshake limit, on a processor of its own with a short one.</summary>
public sealed class MediaLegHandshakeTimeoutTests(MediaServerFixture server) : IClassFixture<MediaServerFixture>
{
    [Fact]
    public async Task DeviceThatNeverCompletesDtls_LosesItsLegAfterTheHandshakeTimeout()
    {
        var options = new MediaProcessorOptions { MinPort = 0, MaxPort = 0, HandshakeTimeout = TimeSpan.FromMilliseconds(300) };
        using var metrics = new MediaProcessorMetrics();
        await using var processor = new MediaProcessor(
            Microsoft.Extensions.Options.Options.Create(options), metrics,
            server.Server.App.Services.GetRequiredService<Conclave.Server.Audit.IAuditLog>(), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<MediaProcessor>.Instance);
        var callId = Guid.NewGuid();
        await using var device = MediaDevice.Create(callId, "silent", 440);

        // The device takes the answer but never checks nor starts DTLS.
        Assert.Null(await device.OfferAsync(processor));
        Assert.Equal(1, metrics.LegsOpen);

        await Conclave.Server.Tests.Relay.Eventually.TrueAsync(() => metrics.Snapshot().HandshakeFailures == 1 && metrics.LegsOpen == 0, timeoutMs: 5000);
        Assert.Empty(processor.LegsOf(callId));
        Assert.Equal(0, metrics.Snapshot().LegsConnected);
    }
}
