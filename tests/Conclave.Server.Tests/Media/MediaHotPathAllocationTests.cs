using Conclave.Protocols.Demux;
using Conclave.Server.Tests.Relay;

namespace Conclave.Server.Tests.Media;

/// <summary>
/// The per-packet forwarding path (unprotect, rewrite, protect, send, both ways) allocates nothing once
/// warmed up. Allocation is counted process-wide, so this runs alone, not in parallel with other classes.
/// </summary>
[Collection(nameof(AllocationMeasurementCollection))]
public sealed class MediaHotPathAllocationTests(MediaServerFixture server) : IClassFixture<MediaServerFixture>
{
    [Fact]
    public async Task ForwardBothWays_AllocatesNothingPerPacket()
    {
        var callId = Guid.NewGuid();
        await using var alice = RawMediaDevice.Create(callId, "alice", vp8PayloadType: 96);
        await using var bob = RawMediaDevice.Create(callId, "bob", vp8PayloadType: 100);
        var before = server.Metrics.Snapshot();
        await alice.ConnectAsync(server.Processor);
        await bob.ConnectAsync(server.Processor);
        await Eventually.TrueAsync(() => server.Metrics.Snapshot().LegsConnected == before.LegsConnected + 2);

        void RoundTrips(int count)
        {
            for (var i = 0; i < count; i++)
            {
                alice.SendRtp(96);
                Assert.Equal(PacketKind.Rtp, bob.Receive().Kind);
                bob.SendRtp(0);
                Assert.Equal(PacketKind.Rtp, alice.Receive().Kind);
            }
        }

        RoundTrips(2000);
        // 40,000 forwarded packets: one object per packet would be at least 960,000 bytes. The bound is half
        // that, leaving room for what the running server does meanwhile (its legs' DTLS readers poll every
        // 50 ms, ICE timers tick, Kestrel's heartbeat), which grows with the run's length, not with packets.
        var allocated = OtherThreadsAllocation.LeastOf(() => RoundTrips(20_000), bound: 480_000);
        Assert.True(allocated < 480_000, $"{allocated} bytes allocated for 40,000 forwarded packets");
        await server.Processor.CloseCallAsync(callId, "Test");
    }
}
