using Conclave.Protocols.Demux;
using Conclave.Protocols.Srtp;
using Conclave.Server.Media;
using Conclave.Server.Tests.Relay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Tests.Media;

/// <summary>
/// How late a device's packet may reach its leg and still be forwarded: far enough by default for a browser's
/// reordered video (RFC 3711 §3.3.2 replay window of 1024), as far as <c>Conclave:MediaProcessor:SrtpReplayWindowSize</c>
/// says when set, and never twice.
/// </summary>
public sealed class MediaReplayWindowTests(MediaServerFixture server) : IClassFixture<MediaServerFixture>
{
    [Fact]
    public async Task Forwarding_PacketAThousandBehind_IsForwardedOnce_AndOneBeyondTheDefaultWindowIsRefused()
    {
        var callId = Guid.NewGuid();
        await using var alice = RawMediaDevice.Create(callId, "alice", vp8PayloadType: 96);
        await using var bob = RawMediaDevice.Create(callId, "bob", vp8PayloadType: 96);
        var before = server.Metrics.Snapshot();
        await alice.ConnectAsync(server.Processor);
        await bob.ConnectAsync(server.Processor);
        await Eventually.TrueAsync(() => server.Metrics.Snapshot().LegsConnected == before.LegsConnected + 2);

        var tooLate = alice.HoldRtp(96);
        alice.SkipRtp(99);
        var late = alice.HoldRtp(96);
        alice.SkipRtp(999);
        alice.SendRtp(96);
        Assert.Equal((PacketKind.Rtp, (byte)96, alice.Ssrc), bob.Receive());
        var refused = server.Metrics.Snapshot().PacketsRefused;

        // 1000 behind the newest: a browser's video can arrive this late, and it is forwarded.
        alice.SendRaw(late);
        Assert.Equal((PacketKind.Rtp, (byte)96, alice.Ssrc), bob.Receive());

        // The same packet again, and one 1100 behind: refused, nothing reaches Bob.
        alice.SendRaw(late);
        alice.SendRaw(tooLate);
        await Eventually.TrueAsync(() => server.Metrics.Snapshot().PacketsRefused == refused + 2);
        Assert.False(bob.ReceivesAnythingWithin(200));

        await server.Processor.CloseCallAsync(callId, "Test");
    }

    [Fact]
    public async Task Forwarding_WithASmallerConfiguredWindow_RefusesWhatTheDefaultTakes()
    {
        var options = new MediaProcessorOptions { MinPort = 0, MaxPort = 0, SrtpReplayWindowSize = 128 };
        using var metrics = new MediaProcessorMetrics();
        await using var processor = new MediaProcessor(
            Options.Create(options), metrics,
            server.Server.App.Services.GetRequiredService<Conclave.Server.Audit.IAuditLog>(), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<MediaProcessor>.Instance);
        var callId = Guid.NewGuid();
        await using var alice = RawMediaDevice.Create(callId, "alice", vp8PayloadType: 96);
        await using var bob = RawMediaDevice.Create(callId, "bob", vp8PayloadType: 96);
        await alice.ConnectAsync(processor);
        await bob.ConnectAsync(processor);
        await Eventually.TrueAsync(() => metrics.Snapshot().LegsConnected == 2);

        var farBehind = alice.HoldRtp(96);
        alice.SkipRtp(899);
        var near = alice.HoldRtp(96);
        alice.SkipRtp(99);
        alice.SendRtp(96);
        Assert.Equal((PacketKind.Rtp, (byte)96, alice.Ssrc), bob.Receive());

        alice.SendRaw(near);
        Assert.Equal((PacketKind.Rtp, (byte)96, alice.Ssrc), bob.Receive());
        var refused = metrics.Snapshot().PacketsRefused;
        alice.SendRaw(farBehind);
        await Eventually.TrueAsync(() => metrics.Snapshot().PacketsRefused == refused + 1);
        Assert.False(bob.ReceivesAnythingWithin(200));

        await processor.CloseCallAsync(callId, "Test");
    }

    [Theory]
    [InlineData("32")]
    [InlineData("100")]
    [InlineData("65536")]
    public void Options_SrtpReplayWindowOutsideWhatAContextTakes_FailValidation(string size)
    {
        using var provider = MediaServices(size);

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MediaProcessorOptions>>().Value);
        Assert.Contains(refused.Failures, f => f.Contains("SrtpReplayWindowSize", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_SrtpReplayWindow_DefaultsTo1024_AndBindsFromConfiguration()
    {
        using var defaults = MediaServices(null);
        using var configured = MediaServices("4096");

        Assert.Equal(1024, defaults.GetRequiredService<IOptions<MediaProcessorOptions>>().Value.SrtpReplayWindowSize);
        Assert.Equal(SrtpContextOptions.DefaultReplayWindowSize, defaults.GetRequiredService<IOptions<MediaProcessorOptions>>().Value.SrtpReplayWindowSize);
        Assert.Equal(4096, configured.GetRequiredService<IOptions<MediaProcessorOptions>>().Value.SrtpReplayWindowSize);
    }

    private static ServiceProvider MediaServices(string? replayWindowSize)
    {
        var settings = new Dictionary<string, string?>();
        if (replayWindowSize is not null)
        {
            settings["Conclave:MediaProcessor:SrtpReplayWindowSize"] = replayWindowSize;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddConclaveMediaProcessor();
        return services.BuildServiceProvider();
    }
}
