using System.Net;
using Conclave.Protocols.Demux;
using Conclave.Server.Tests.Relay;

namespace Conclave.Server.Tests.Media;

/// <summary>
/// Leg sockets bound to a wildcard answer ICE checks and send DTLS and SRTP from the address the device
/// sends to (the announced 127.0.0.2 here), not from whichever address the kernel would pick (127.0.0.1
/// for a device on 127.0.0.1): browsers drop what comes from an address they did not send to.
/// </summary>
public sealed class MediaLegReplyAddressTests(WildcardMediaServerFixture server) : IClassFixture<WildcardMediaServerFixture>
{
    [Fact]
    public async Task WildcardLeg_AnswersChecksAndForwardsMedia_FromTheAnnouncedAddress()
    {
        var callId = Guid.NewGuid();
        await using var alice = RawMediaDevice.Create(callId, "alice", vp8PayloadType: 96);
        await using var bob = RawMediaDevice.Create(callId, "bob", vp8PayloadType: 96);
        var before = server.Metrics.Snapshot();

        await alice.ConnectAsync(server.Processor);
        await bob.ConnectAsync(server.Processor);
        await Eventually.TrueAsync(() => server.Metrics.Snapshot().LegsConnected == before.LegsConnected + 2);

        Assert.Equal(IPAddress.Parse(WildcardMediaServerFixture.AnnouncedAddress), alice.Leg!.Address);
        Assert.Equal(alice.Leg, alice.CheckAnswerSource);
        Assert.Equal(bob.Leg, bob.CheckAnswerSource);
        alice.SendRtp(0);
        Assert.Equal((PacketKind.Rtp, (byte)0, alice.Ssrc), bob.Receive());
        Assert.Equal(bob.Leg, bob.LastSource);
        bob.SendRtp(96);
        Assert.Equal((PacketKind.Rtp, (byte)96, bob.Ssrc), alice.Receive());
        Assert.Equal(alice.Leg, alice.LastSource);

        await server.Processor.CloseCallAsync(callId, "Test");
    }
}
