using System.Net;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;

namespace Conclave.Server.Tests.Relay;

/// <summary>
/// A relay bound to a wildcard address answers from the address each request was sent to, as clients
/// (Chromium among them) ignore answers from any other. The whole of 127.0.0.0/8 is local on Linux, so
/// a client on 127.0.0.1 sending to 127.0.0.2 stands for a multi-homed host: left to itself, the kernel
/// would answer it from 127.0.0.1.
/// </summary>
public sealed class RelayReplyAddressTests
{
    private static readonly IPAddress SecondLoopback = IPAddress.Parse("127.0.0.2");

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Binding_ToTheSecondLoopbackAddress_OfAWildcardListener_IsAnsweredFromThatAddress(int udpThreads)
    {
        await using var relay = await StartWildcardAsync("0.0.0.0", "127.0.0.1", udpThreads);
        var target = new IPEndPoint(SecondLoopback, relay.Udp.Port);
        using var client = new RawTurnClient(target);

        var response = await client.RequestAsync(new StunMessageBuilder(StunMethod.Binding, StunClass.Request));

        StunAssert.Success(response);
        Assert.Equal(target, client.LastSource);
        Assert.True(response.TryGetXorAddress(StunAttributeType.XorMappedAddress, out var mapped));
        Assert.Equal(client.LocalEndPoint, mapped);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(0, false)]
    [InlineData(2, true)]
    [InlineData(2, false)]
    public async Task Allocation_MadeThroughTheSecondAddress_GetsAnswersAndPeerDataFromThatAddress(int udpThreads, bool channel)
    {
        await using var relay = await StartWildcardAsync("0.0.0.0", "127.0.0.1", udpThreads);
        var target = new IPEndPoint(SecondLoopback, relay.Udp.Port);
        using var client = new RawTurnClient(target);
        using var peer = new UdpPeer();
        var credentials = relay.Credentials();
        var allocation = await client.AllocateAsync(credentials.Username, credentials.Password);
        StunAssert.Success(allocation);
        Assert.Equal(target, client.LastSource);
        Assert.True(allocation.TryGetXorAddress(StunAttributeType.XorRelayedAddress, out var relayed));
        StunAssert.Success(await client.SignedAsync(channel
            ? new StunMessageBuilder(StunMethod.ChannelBind, StunClass.Request).AddChannelNumber(0x4000).AddXorAddress(StunAttributeType.XorPeerAddress, peer.EndPoint)
            : new StunMessageBuilder(StunMethod.CreatePermission, StunClass.Request).AddXorAddress(StunAttributeType.XorPeerAddress, peer.EndPoint),
            credentials.Username, credentials.Password));

        peer.SendTo([1, 2, 3, 4], relayed);
        var framed = await client.ReceiveRawAsync();

        // ChannelData (RFC 8656 §12.7) or a Data indication (§10.3), sent from where the client sends.
        Assert.Equal(channel, ChannelData.TryParse(framed, false, ChannelData.MaxChannel, out _, out _, out _));
        Assert.Equal(target, client.LastSource);
    }

    [Fact]
    public async Task Allocation_IsKeyedByTheServerAddressItWasMadeThrough()
    {
        await using var relay = await StartWildcardAsync("0.0.0.0", "127.0.0.1", udpThreads: 2);
        var second = new IPEndPoint(SecondLoopback, relay.Udp.Port);
        using var client = new RawTurnClient(second);
        var credentials = relay.Credentials();
        StunAssert.Success(await client.AllocateAsync(credentials.Username, credentials.Password));

        // RFC 8656 §2: the same client port talking to the relay's other address is another 5-tuple,
        // with no allocation.
        var refresh = new StunMessageBuilder(StunMethod.Refresh, StunClass.Request);
        client.Socket.SendTo(client.Sign(refresh, credentials.Username, credentials.Password).ToArray(), new IPEndPoint(IPAddress.Loopback, relay.Udp.Port));
        var answer = await client.ReceiveStunAsync(refresh.TransactionId.ToArray());

        Assert.Equal(StunErrorCodes.AllocationMismatch, StunAssert.ErrorCode(answer));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, relay.Udp.Port), client.LastSource);
        Assert.Equal(1, relay.Server.AllocationCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task IPv6Wildcard_AnswersFromTheAddressSentTo(int udpThreads)
    {
        // ::1 is the only IPv6 loopback address, so this shows the IPv6 path (IPV6_PKTINFO) works, not
        // that it picks among addresses; a "::" listener is IPv6 only (.NET's sockets are not dual-stack).
        await using var relay = await StartWildcardAsync("::", "::1", udpThreads);
        var target = new IPEndPoint(IPAddress.IPv6Loopback, relay.Udp.Port);
        using var client = new RawTurnClient(target, IPAddress.IPv6Loopback);
        using var peer = new UdpPeer(IPAddress.IPv6Loopback);
        var credentials = relay.Credentials();

        var allocation = await client.AllocateAsync(credentials.Username, credentials.Password);
        StunAssert.Success(allocation);
        Assert.Equal(target, client.LastSource);
        Assert.True(allocation.TryGetXorAddress(StunAttributeType.XorMappedAddress, out var mapped));
        Assert.Equal(client.LocalEndPoint, mapped);
        Assert.True(allocation.TryGetXorAddress(StunAttributeType.XorRelayedAddress, out var relayed));
        StunAssert.Success(await client.SignedAsync(new StunMessageBuilder(StunMethod.CreatePermission, StunClass.Request)
            .AddXorAddress(StunAttributeType.XorPeerAddress, peer.EndPoint), credentials.Username, credentials.Password));
        peer.SendTo([1, 2, 3, 4], relayed);
        await client.ReceiveRawAsync();
        Assert.Equal(target, client.LastSource);
    }

    private static Task<RelayTestServer> StartWildcardAsync(string listen, string relayed, int udpThreads) =>
        RelayTestServer.StartAsync(o =>
        {
            o.ListenAddress = listen;
            o.RelayAddress = relayed;
            o.UdpThreads = udpThreads;
        });
}
