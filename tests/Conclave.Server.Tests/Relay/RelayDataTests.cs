using System.Net;
using Conclave.Protocols.Net;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;

namespace Conclave.Server.Tests.Relay;

/// <summary>Data both ways through the relay over UDP, with Send/Data indications and with channels.</summary>
public sealed class RelayDataTests
{
    [Fact]
    public async Task TurnClient_SendIndicationsAndDataIndications_RelayBothWays()
    {
        await using var relay = await RelayTestServer.StartAsync();
        var credentials = relay.Credentials();
        await using var client = new TurnClient(await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), default),
            relay.Udp, credentials.Username, credentials.Password);
        using var peer = new UdpPeer();
        await client.AllocateAsync(CancellationToken.None);

        await client.SendToAsync("hello peer"u8.ToArray(), peer.EndPoint, CancellationToken.None);
        var (atPeer, from) = await peer.ReceiveAsync();
        peer.SendTo("hello client"u8.ToArray(), from);
        var buffer = new byte[1500];
        var atClient = await client.ReceiveFromAsync(buffer, new CancellationTokenSource(5000).Token);

        Assert.Equal("hello peer"u8.ToArray(), atPeer);
        Assert.Equal(client.RelayedEndPoint, from);
        Assert.Equal("hello client"u8.ToArray(), buffer[..atClient.Length]);
        Assert.Equal(peer.EndPoint, atClient.RemoteEndPoint);
        // The relay counts a datagram just after handing it to the socket, so the far end may read it first.
        await Eventually.TrueAsync(() => relay.Server.Metrics.Snapshot() is { PacketsToPeer: 1, PacketsToClient: 1 });
        Assert.Equal("hello peer"u8.Length, relay.Server.Metrics.Snapshot().BytesToPeer);
    }

    [Fact]
    public async Task TurnClient_Channel_RelaysChannelDataBothWays()
    {
        await using var relay = await RelayTestServer.StartAsync();
        var credentials = relay.Credentials();
        await using var client = new TurnClient(await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), default),
            relay.Udp, credentials.Username, credentials.Password);
        using var peer = new UdpPeer();
        await client.AllocateAsync(CancellationToken.None);
        var channel = await client.BindChannelAsync(peer.EndPoint, CancellationToken.None);

        var payloads = Enumerable.Range(0, 20).Select(i => Enumerable.Repeat((byte)i, 100 + i).ToArray()).ToArray();
        foreach (var payload in payloads)
        {
            await client.SendToAsync(payload, peer.EndPoint, CancellationToken.None);
            var (atPeer, from) = await peer.ReceiveAsync();
            Assert.Equal(payload, atPeer);
            peer.SendTo(payload, from);
            var buffer = new byte[1500];
            var atClient = await client.ReceiveFromAsync(buffer, new CancellationTokenSource(5000).Token);
            Assert.Equal(payload, buffer[..atClient.Length]);
        }

        Assert.True(ChannelData.IsValidChannel(channel));
        await Eventually.TrueAsync(() => relay.Server.Metrics.Snapshot().PacketsToClient == payloads.Length);
    }

    [Fact]
    public async Task PeerData_WithoutChannel_ArrivesAsDataIndicationFromThatPeer()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        var allocated = await client.AllocateAsync(credentials.Username, credentials.Password);
        allocated.TryGetXorAddress(StunAttributeType.XorRelayedAddress, out var relayed);
        using var stranger = new UdpPeer();
        using var friend = new UdpPeer();
        StunAssert.Success(await client.SignedAsync(new StunMessageBuilder(StunMethod.CreatePermission, StunClass.Request)
            .AddXorAddress(StunAttributeType.XorPeerAddress, friend.EndPoint), credentials.Username, credentials.Password));

        // Permissions are per IP address (RFC 8656 §9): any port of the permitted address may send.
        stranger.SendTo([1, 2, 3], relayed);
        var data = await client.ReceiveStunAsync();

        Assert.Equal(StunMethod.Data, data.Method);
        Assert.Equal(StunClass.Indication, data.Class);
        Assert.True(data.TryGetXorAddress(StunAttributeType.XorPeerAddress, out var from));
        Assert.Equal(stranger.EndPoint, from);
        Assert.Equal(new byte[] { 1, 2, 3 }, data.GetValue(StunAttributeType.Data).ToArray());
    }

    [Fact]
    public async Task DataFromPeer_BeforeAnyPermission_IsDroppedAndCounted()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        var allocated = await client.AllocateAsync(credentials.Username, credentials.Password);
        allocated.TryGetXorAddress(StunAttributeType.XorRelayedAddress, out var relayed);
        using var peer = new UdpPeer();

        peer.SendTo([1, 2, 3], relayed);

        await Eventually.TrueAsync(() => relay.Server.Metrics.Snapshot().DroppedWithoutPermission == 1);
        Assert.Equal(0, relay.Server.Metrics.Snapshot().PacketsToClient);
    }

    [Fact]
    public async Task BandwidthCap_DropsExcessAndCountsIt()
    {
        await using var relay = await RelayTestServer.StartAsync(o => o.BandwidthBytesPerSecond = 1000);
        var credentials = relay.Credentials();
        await using var client = new TurnClient(await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), default),
            relay.Udp, credentials.Username, credentials.Password);
        using var peer = new UdpPeer();
        await client.AllocateAsync(CancellationToken.None);
        await client.BindChannelAsync(peer.EndPoint, CancellationToken.None);

        for (var i = 0; i < 6; i++)
        {
            await client.SendToAsync(new byte[400], peer.EndPoint, CancellationToken.None);
        }

        // 1000 bytes of burst: two 400-byte packets pass at once, the rest within a few ms are dropped.
        await Eventually.TrueAsync(() => relay.Server.Metrics.Snapshot() is { } s && s.PacketsToPeer + s.DroppedOverBandwidth == 6);
        var snapshot = relay.Server.Metrics.Snapshot();
        Assert.InRange(snapshot.PacketsToPeer, 2, 3);
        Assert.Equal(6 - snapshot.PacketsToPeer, snapshot.DroppedOverBandwidth);
    }

    [Fact]
    public async Task Sha256Integrity_WithPasswordAlgorithms_IsAcceptedAndAnsweredInKind()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        var challenge = await client.ChallengeAsync();
        var offered = challenge.GetValue(StunAttributeType.PasswordAlgorithms).ToArray();
        var key = StunCredentials.LongTermKey(credentials.Username, client.Realm!, credentials.Password, StunPasswordAlgorithm.Sha256);

        var response = await client.RequestAsync(RawTurnClient.Allocate()
            .Add(StunAttributeType.PasswordAlgorithms, offered)
            .AddPasswordAlgorithm(StunPasswordAlgorithm.Sha256)
            .AddString(StunAttributeType.Username, credentials.Username)
            .AddString(StunAttributeType.Realm, client.Realm!)
            .AddString(StunAttributeType.Nonce, client.Nonce!)
            .AddMessageIntegritySha256(key)
            .AddFingerprint());

        StunAssert.Success(response);
        Assert.True(response.HasMessageIntegritySha256);
        Assert.False(response.HasMessageIntegrity);
        Assert.True(response.VerifyMessageIntegritySha256(key));
        Assert.True(response.VerifyFingerprint());
    }

    [Fact]
    public async Task BidDown_PasswordAlgorithmsNotAsOffered_Is400()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        await client.ChallengeAsync();
        var key = StunCredentials.LongTermKey(credentials.Username, client.Realm!, credentials.Password);

        // An attacker strips SHA-256 from the list to force MD5 (RFC 8489 §9.2.4).
        var response = await client.RequestAsync(RawTurnClient.Allocate()
            .AddPasswordAlgorithms([StunPasswordAlgorithm.Md5])
            .AddPasswordAlgorithm(StunPasswordAlgorithm.Md5)
            .AddString(StunAttributeType.Username, credentials.Username)
            .AddString(StunAttributeType.Realm, client.Realm!)
            .AddString(StunAttributeType.Nonce, client.Nonce!)
            .AddMessageIntegrity(key)
            .AddFingerprint());

        Assert.Equal(StunErrorCodes.BadRequest, StunAssert.ErrorCode(response));
        Assert.Equal(0, relay.Server.AllocationCount);
    }

    [Fact]
    public async Task RotatedSecret_OldCredentialsStillAccepted_NewOnesToo()
    {
        await using var relay = await RelayTestServer.StartAsync(o =>
        {
            o.Secrets.Clear();
            o.Secrets.Add("new-secret");
            o.Secrets.Add(RelayTestServer.Secret);
        });
        using var oldClient = new RawTurnClient(relay.Udp);
        using var newClient = new RawTurnClient(relay.Udp);
        var old = relay.Credentials("alice", secret: RelayTestServer.Secret);
        var fresh = relay.Credentials("bob", secret: "new-secret");

        StunAssert.Success(await oldClient.AllocateAsync(old.Username, old.Password));
        StunAssert.Success(await newClient.AllocateAsync(fresh.Username, fresh.Password));
        Assert.Equal(2, relay.Server.AllocationCount);
    }
}
