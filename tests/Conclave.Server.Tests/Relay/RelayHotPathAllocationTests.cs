using System.Net;
using System.Net.Sockets;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;

namespace Conclave.Server.Tests.Relay;

/// <summary>
/// The per-packet relay path (ChannelData both ways) allocates nothing once warmed up. Allocation is
/// counted process-wide, so this runs alone, not in parallel with other test classes.
/// </summary>
[Collection(nameof(AllocationMeasurementCollection))]
public sealed class RelayHotPathAllocationTests
{
    /// <summary>
    /// With <paramref name="wildcard"/> the relay listens on 0.0.0.0 and the client talks to 127.0.0.2, so
    /// every datagram to the client leaves through sendmsg with the address it must come from.
    /// </summary>
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task RelayBothWays_ChannelDataOrSendAndDataIndications_AllocatesNothingPerPacket(bool channel, bool wildcard)
    {
        await using var relay = await RelayTestServer.StartAsync(o =>
        {
            o.BandwidthBytesPerSecond = 0;
            if (wildcard)
            {
                (o.ListenAddress, o.RelayAddress) = ("0.0.0.0", "127.0.0.1");
            }
        });
        var credentials = relay.Credentials();
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var peerEndPoint = (IPEndPoint)peer.LocalEndPoint!;
        var server = wildcard ? new IPEndPoint(IPAddress.Parse("127.0.0.2"), relay.Udp.Port) : relay.Udp;
        using var raw = new RawTurnClient(server);
        var allocation = await raw.AllocateAsync(credentials.Username, credentials.Password);
        Assert.True(allocation.TryGetXorAddress(StunAttributeType.XorRelayedAddress, out var relayed));
        const ushort number = 0x4000;
        StunAssert.Success(await raw.SignedAsync(channel
            ? new StunMessageBuilder(StunMethod.ChannelBind, StunClass.Request).AddChannelNumber(number).AddXorAddress(StunAttributeType.XorPeerAddress, peerEndPoint)
            : new StunMessageBuilder(StunMethod.CreatePermission, StunClass.Request).AddXorAddress(StunAttributeType.XorPeerAddress, peerEndPoint),
            credentials.Username, credentials.Password));
        var client = raw.Socket;
        var frame = new byte[ChannelData.GetEncodedLength(160, pad: false)];
        ChannelData.TryWrite(frame, number, new byte[160], pad: false, out _);
        if (!channel)
        {
            frame = new StunMessageBuilder(StunMethod.Send, StunClass.Indication)
                .AddXorAddress(StunAttributeType.XorPeerAddress, peerEndPoint).Add(StunAttributeType.Data, new byte[160]).ToArray();
        }

        // What the client receives back: ChannelData (4 + 160) or a Data indication (20 + 12 + 4 + 160).
        var expectedAtClient = channel ? 164 : 196;
        var relayAddress = server.Serialize();
        var relayedAddress = relayed.Serialize();
        var payload = new byte[160];
        var buffer = new byte[2048];
        client.ReceiveTimeout = 5000;
        peer.ReceiveTimeout = 5000;

        void RoundTrips(int count)
        {
            for (var i = 0; i < count; i++)
            {
                client.SendTo(frame, SocketFlags.None, relayAddress);
                Assert.Equal(160, peer.Receive(buffer));
                peer.SendTo(payload, SocketFlags.None, relayedAddress);
                Assert.Equal(expectedAtClient, client.Receive(buffer));
            }
        }

        RoundTrips(2000);
        // 20,000 relayed packets: one object per packet would be at least 480,000 bytes; the test host's
        // own background work (timers, test runner) stays well below the bound.
        var allocated = OtherThreadsAllocation.LeastOf(() => RoundTrips(10_000), bound: 200_000);
        Assert.True(allocated < 200_000, $"{allocated} bytes allocated for 20,000 relayed packets");
    }
}

[CollectionDefinition(nameof(AllocationMeasurementCollection), DisableParallelization = true)]
public sealed class AllocationMeasurementCollection;
