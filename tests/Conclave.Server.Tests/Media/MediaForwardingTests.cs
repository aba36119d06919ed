using Conclave.Protocols.Demux;
using Conclave.Server.Tests.Relay;

namespace Conclave.Server.Tests.Media;

/// <summary>
/// The forwarding between two legs, packet by packet, with devices whose every packet the test makes:
/// payload types, RTCP, what is refused, and nothing before both legs are up.
/// </summary>
public sealed class MediaForwardingTests(MediaServerFixture server) : IClassFixture<MediaServerFixture>
{
    [Fact]
    public async Task Forwarding_RewritesVp8ToThePartnersPayloadType_KeepsPcmuAndSsrcs_AndCarriesRtcp()
    {
        var callId = Guid.NewGuid();
        await using var alice = RawMediaDevice.Create(callId, "alice", vp8PayloadType: 96);
        await using var bob = RawMediaDevice.Create(callId, "bob", vp8PayloadType: 100);
        var before = server.Metrics.Snapshot();
        await alice.ConnectAsync(server.Processor);
        await Eventually.TrueAsync(() => server.Metrics.Snapshot().LegsConnected == before.LegsConnected + 1);

        // Only one leg is up: nothing is forwarded yet.
        alice.SendRtp(0);
        await Eventually.TrueAsync(() => server.Metrics.Snapshot().PacketsRefused == before.PacketsRefused + 1);
        await bob.ConnectAsync(server.Processor);
        await Eventually.TrueAsync(() => server.Metrics.Snapshot().LegsConnected == before.LegsConnected + 2);
        Assert.Equal(before.PacketsForwarded, server.Metrics.Snapshot().PacketsForwarded);

        alice.SendRtp(96);
        Assert.Equal((PacketKind.Rtp, (byte)100, alice.Ssrc), bob.Receive());
        alice.SendRtp(0);
        Assert.Equal((PacketKind.Rtp, (byte)0, alice.Ssrc), bob.Receive());
        bob.SendRtp(100);
        Assert.Equal((PacketKind.Rtp, (byte)96, bob.Ssrc), alice.Receive());
        alice.SendRtcp();
        Assert.Equal((PacketKind.Rtcp, (byte)201, alice.Ssrc), bob.Receive());
        // Counted just after the send, so possibly just after the device already has the packet.
        await Eventually.TrueAsync(() => server.Metrics.Snapshot().PacketsForwarded == before.PacketsForwarded + 4);

        await server.Processor.CloseCallAsync(callId, "Test");
    }

    [Fact]
    public async Task Leg_DtlsAndMediaOnAValidPairBeforeNomination_AreAccepted()
    {
        var callId = Guid.NewGuid();
        await using var alice = RawMediaDevice.Create(callId, "alice", vp8PayloadType: 96);
        await using var bob = RawMediaDevice.Create(callId, "bob", vp8PayloadType: 96);
        var before = server.Metrics.Snapshot();

        // No USE-CANDIDATE: the leg must still take DTLS from the checked address at once (a dropped
        // ClientHello would only be retransmitted after 10 s, past the 5 s the connect allows).
        await alice.ConnectAsync(server.Processor, nominate: false);
        await bob.ConnectAsync(server.Processor, nominate: false);
        await Eventually.TrueAsync(() => server.Metrics.Snapshot().LegsConnected == before.LegsConnected + 2);

        alice.SendRtp(0);
        Assert.Equal((PacketKind.Rtp, (byte)0, alice.Ssrc), bob.Receive());
        bob.SendRtp(0);
        Assert.Equal((PacketKind.Rtp, (byte)0, bob.Ssrc), alice.Receive());
        await server.Processor.CloseCallAsync(callId, "Test");
    }

    [Fact]
    public async Task Forwarding_UnnegotiatedPayloadTypeOrUndecryptablePacketFromTheDevice_IsRefused()
    {
        var callId = Guid.NewGuid();
        await using var alice = RawMediaDevice.Create(callId, "alice", vp8PayloadType: 96);
        await using var bob = RawMediaDevice.Create(callId, "bob", vp8PayloadType: 96);
        var before = server.Metrics.Snapshot();
        await alice.ConnectAsync(server.Processor);
        await bob.ConnectAsync(server.Processor);
        await Eventually.TrueAsync(() => server.Metrics.Snapshot().LegsConnected == before.LegsConnected + 2);
        var refused = server.Metrics.Snapshot().PacketsRefused;

        // Opus was offered but the answer gave audio PCMU only.
        alice.SendRtp(111);

        // From the device's own address, RTP-shaped but not protected with its keys (RFC 3711 §3.3: authentication fails).
        var forged = new byte[182];
        forged[0] = 0x80;
        forged[11] = 7;
        alice.SendRaw(forged);

        await Eventually.TrueAsync(() => server.Metrics.Snapshot().PacketsRefused == refused + 2);
        Assert.False(bob.ReceivesAnythingWithin(200));
        alice.SendRtp(0);
        Assert.Equal((PacketKind.Rtp, (byte)0, alice.Ssrc), bob.Receive());

        await server.Processor.CloseCallAsync(callId, "Test");
    }
}
