using System.Net;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;
using Conclave.Server.Relay;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Server.Tests.Relay;

/// <summary>Each refusal of RFC 8656 / RFC 8489 over real UDP on 127.0.0.1, and that it leaves no state.</summary>
public sealed class RelayRefusalTests
{
    [Fact]
    public async Task Allocate_WithoutCredentials_Is401WithChallengeAndNoState()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);

        var response = await client.ChallengeAsync();

        Assert.Equal(StunErrorCodes.Unauthorized, StunAssert.ErrorCode(response));
        Assert.True(response.TryGetString(StunAttributeType.Realm, out var realm));
        Assert.Equal(RelayTestServer.Realm, realm);
        Assert.True(response.TryGetString(StunAttributeType.Nonce, out var nonce));
        Assert.StartsWith("obMatJos2", nonce, StringComparison.Ordinal);
        Assert.True(response.Has(StunAttributeType.PasswordAlgorithms));
        Assert.True(response.VerifyFingerprint());
        Assert.Equal(0, relay.Server.AllocationCount);
        Assert.Equal(1, relay.Server.Metrics.Snapshot().Refusals[nameof(RelayRefusal.Unauthorized)]);
    }

    [Fact]
    public async Task Allocate_WrongPassword_Is401()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();

        var response = await client.AllocateAsync(credentials.Username, credentials.Password + "x");

        Assert.Equal(StunErrorCodes.Unauthorized, StunAssert.ErrorCode(response));
        Assert.Equal(0, relay.Server.AllocationCount);
    }

    [Fact]
    public async Task Allocate_CredentialsUnderUnknownSecret_Is401()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials(secret: "another-secret");

        var response = await client.AllocateAsync(credentials.Username, credentials.Password);

        Assert.Equal(StunErrorCodes.Unauthorized, StunAssert.ErrorCode(response));
    }

    [Fact]
    public async Task Allocate_ExpiredCredentials_Is401()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials(ttl: TimeSpan.FromSeconds(-5));

        var response = await client.AllocateAsync(credentials.Username, credentials.Password);

        Assert.Equal(StunErrorCodes.Unauthorized, StunAssert.ErrorCode(response));
        Assert.Equal(0, relay.Server.AllocationCount);
    }

    [Fact]
    public async Task Allocate_UsernameNotExpiryColonUser_Is401()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var password = TurnCredentials.ComputePassword("alice", RelayTestServer.Secret, System.Security.Cryptography.HashAlgorithmName.SHA256);

        var response = await client.AllocateAsync("alice", password);

        Assert.Equal(StunErrorCodes.Unauthorized, StunAssert.ErrorCode(response));
    }

    [Fact]
    public async Task Allocate_StaleNonce_Is438WithFreshNonceThatWorks()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var relay = await RelayTestServer.StartAsync(o => o.NonceLifetime = TimeSpan.FromMinutes(1), time);
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        await client.ChallengeAsync();
        var oldNonce = client.Nonce;

        time.Advance(TimeSpan.FromMinutes(2));
        var stale = await client.SignedAsync(RawTurnClient.Allocate(), credentials.Username, credentials.Password);

        Assert.Equal(StunErrorCodes.StaleNonce, StunAssert.ErrorCode(stale));
        Assert.NotEqual(oldNonce, client.Nonce);
        Assert.Equal(0, relay.Server.AllocationCount);
        StunAssert.Success(await client.SignedAsync(RawTurnClient.Allocate(), credentials.Username, credentials.Password));
    }

    [Fact]
    public async Task Allocate_ForgedNonce_Is438()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        await client.ChallengeAsync();
        var forged = client.Nonce![..^4] + (client.Nonce[^4] == 'A' ? "BBBB" : "AAAA");

        var response = await client.RequestAsync(client.Sign(RawTurnClient.Allocate(), credentials.Username, credentials.Password, forged));

        Assert.Equal(StunErrorCodes.StaleNonce, StunAssert.ErrorCode(response));
    }

    [Fact]
    public async Task Allocate_TcpTransport_Is442()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        await client.ChallengeAsync();

        var response = await client.SignedAsync(RawTurnClient.Allocate(transport: 6), credentials.Username, credentials.Password);

        Assert.Equal(StunErrorCodes.UnsupportedTransportProtocol, StunAssert.ErrorCode(response));
        Assert.Equal(0, relay.Server.AllocationCount);
    }

    [Fact]
    public async Task Allocate_Again_Is437_ButRetransmissionSucceeds()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        await client.ChallengeAsync();
        var first = client.Sign(RawTurnClient.Allocate(), credentials.Username, credentials.Password);
        var created = await client.RequestAsync(first);
        StunAssert.Success(created);

        var retransmitted = await client.RequestAsync(first);
        var again = await client.SignedAsync(RawTurnClient.Allocate(), credentials.Username, credentials.Password);

        StunAssert.Success(retransmitted);
        created.TryGetXorAddress(StunAttributeType.XorRelayedAddress, out var relayed);
        retransmitted.TryGetXorAddress(StunAttributeType.XorRelayedAddress, out var relayedAgain);
        Assert.Equal(relayed, relayedAgain);
        Assert.Equal(StunErrorCodes.AllocationMismatch, StunAssert.ErrorCode(again));
        Assert.Equal(1, relay.Server.AllocationCount);
    }

    [Theory]
    [InlineData(StunMethod.Refresh)]
    [InlineData(StunMethod.CreatePermission)]
    [InlineData(StunMethod.ChannelBind)]
    public async Task RequestWithoutAllocation_Is437(StunMethod method)
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        await client.ChallengeAsync();
        var peer = new IPEndPoint(IPAddress.Loopback, 9);
        var builder = new StunMessageBuilder(method, StunClass.Request);
        if (method != StunMethod.Refresh)
        {
            builder.AddXorAddress(StunAttributeType.XorPeerAddress, peer);
        }

        if (method == StunMethod.ChannelBind)
        {
            builder.AddChannelNumber(0x4000);
        }

        var response = await client.SignedAsync(builder, credentials.Username, credentials.Password);

        Assert.Equal(StunErrorCodes.AllocationMismatch, StunAssert.ErrorCode(response));
    }

    [Fact]
    public async Task Refresh_WithOtherUsersCredentials_Is441()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var alice = relay.Credentials("alice");
        var bob = relay.Credentials("bob");
        StunAssert.Success(await client.AllocateAsync(alice.Username, alice.Password));

        var response = await client.SignedAsync(new StunMessageBuilder(StunMethod.Refresh, StunClass.Request), bob.Username, bob.Password);

        Assert.Equal(StunErrorCodes.WrongCredentials, StunAssert.ErrorCode(response));
    }

    [Fact]
    public async Task Allocate_OverUserQuota_Is486()
    {
        await using var relay = await RelayTestServer.StartAsync(o => o.MaxAllocationsPerUser = 1);
        using var first = new RawTurnClient(relay.Udp);
        using var second = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        StunAssert.Success(await first.AllocateAsync(credentials.Username, credentials.Password));

        var response = await second.AllocateAsync(credentials.Username, credentials.Password);

        Assert.Equal(StunErrorCodes.AllocationQuotaReached, StunAssert.ErrorCode(response));
        Assert.Equal(1, relay.Server.AllocationCount);
        Assert.True(response.VerifyMessageIntegrity(StunCredentials.LongTermKey(credentials.Username, RelayTestServer.Realm, credentials.Password)));
    }

    [Fact]
    public async Task Allocate_OverAddressQuota_Is486()
    {
        await using var relay = await RelayTestServer.StartAsync(o => o.MaxAllocationsPerAddress = 1);
        using var first = new RawTurnClient(relay.Udp);
        using var second = new RawTurnClient(relay.Udp);
        var alice = relay.Credentials("alice");
        var bob = relay.Credentials("bob");
        StunAssert.Success(await first.AllocateAsync(alice.Username, alice.Password));

        var response = await second.AllocateAsync(bob.Username, bob.Password);

        Assert.Equal(StunErrorCodes.AllocationQuotaReached, StunAssert.ErrorCode(response));
    }

    [Fact]
    public async Task Allocate_NoPortLeft_Is508()
    {
        using var blocker = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        blocker.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var busy = ((IPEndPoint)blocker.LocalEndPoint!).Port;
        await using var relay = await RelayTestServer.StartAsync(o => (o.MinPort, o.MaxPort) = (busy, busy));
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();

        var response = await client.AllocateAsync(credentials.Username, credentials.Password);

        Assert.Equal(StunErrorCodes.InsufficientCapacity, StunAssert.ErrorCode(response));
        Assert.Equal(0, relay.Server.AllocationCount);
    }

    [Theory]
    [InlineData("127.0.0.1", false, false)]
    [InlineData("10.1.2.3", true, false)]
    [InlineData("192.168.1.1", true, false)]
    [InlineData("172.16.0.1", true, false)]
    [InlineData("169.254.1.1", true, false)]
    [InlineData("0.0.0.0", true, true)]
    [InlineData("224.0.0.1", true, true)]
    public async Task CreatePermission_ForbiddenPeer_Is403(string peer, bool allowLoopback, bool allowPrivate)
    {
        await using var relay = await RelayTestServer.StartAsync(o => (o.AllowLoopbackPeers, o.AllowPrivatePeers) = (allowLoopback, allowPrivate));
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        StunAssert.Success(await client.AllocateAsync(credentials.Username, credentials.Password));

        var response = await client.SignedAsync(new StunMessageBuilder(StunMethod.CreatePermission, StunClass.Request)
            .AddXorAddress(StunAttributeType.XorPeerAddress, new IPEndPoint(IPAddress.Parse(peer), 5000)), credentials.Username, credentials.Password);

        Assert.Equal(StunErrorCodes.Forbidden, StunAssert.ErrorCode(response));
    }

    [Theory]
    [InlineData(0x3FFF)]
    [InlineData(0x5000)]
    [InlineData(0x0000)]
    [InlineData(0xFFFF)]
    public async Task ChannelBind_NumberOutOfRange_Is400(int channel)
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        StunAssert.Success(await client.AllocateAsync(credentials.Username, credentials.Password));

        var response = await client.SignedAsync(new StunMessageBuilder(StunMethod.ChannelBind, StunClass.Request)
            .AddChannelNumber((ushort)channel)
            .AddXorAddress(StunAttributeType.XorPeerAddress, new IPEndPoint(IPAddress.Loopback, 5000)), credentials.Username, credentials.Password);

        Assert.Equal(StunErrorCodes.BadRequest, StunAssert.ErrorCode(response));
    }

    [Fact]
    public async Task ChannelBind_Rebinding_ToOtherPeerOrOtherNumber_Is400_SameBindingRefreshes()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        StunAssert.Success(await client.AllocateAsync(credentials.Username, credentials.Password));
        var peerA = new IPEndPoint(IPAddress.Loopback, 5000);
        var peerB = new IPEndPoint(IPAddress.Loopback, 5001);
        Task<StunMessage> Bind(ushort channel, IPEndPoint peer) => client.SignedAsync(new StunMessageBuilder(StunMethod.ChannelBind, StunClass.Request)
            .AddChannelNumber(channel).AddXorAddress(StunAttributeType.XorPeerAddress, peer), credentials.Username, credentials.Password);

        StunAssert.Success(await Bind(0x4000, peerA));

        Assert.Equal(StunErrorCodes.BadRequest, StunAssert.ErrorCode(await Bind(0x4000, peerB)));
        Assert.Equal(StunErrorCodes.BadRequest, StunAssert.ErrorCode(await Bind(0x4001, peerA)));
        StunAssert.Success(await Bind(0x4000, peerA));
    }

    [Fact]
    public async Task ChannelBind_WithoutPeerAddress_Is400()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        StunAssert.Success(await client.AllocateAsync(credentials.Username, credentials.Password));

        var response = await client.SignedAsync(new StunMessageBuilder(StunMethod.ChannelBind, StunClass.Request).AddChannelNumber(0x4000),
            credentials.Username, credentials.Password);

        Assert.Equal(StunErrorCodes.BadRequest, StunAssert.ErrorCode(response));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task MalformedOrTruncatedMessages_GetNoAnswerAndLeaveNoState(int variant)
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        await client.ChallengeAsync();
        var valid = client.Sign(RawTurnClient.Allocate(), credentials.Username, credentials.Password).ToArray();
        var bad = variant switch
        {
            0 => valid[..(valid.Length - 7)],                                   // truncated mid-attribute
            1 => valid[..19],                                                    // shorter than a header
            2 => WithLength(valid, 0xFFFC),                                      // length field far past the end
            _ => WithAttributeLength(valid, 0xFFFF),                             // attribute length near 0xFFFF
        };

        client.SendRaw(bad);
        client.SendRaw([0x40, 0x00, 0xFF, 0xFF, 1, 2, 3]);                      // ChannelData claiming 65535 bytes
        var probe = new StunMessageBuilder(StunMethod.Binding, StunClass.Request);
        var answer = await client.RequestAsync(probe);

        // The first answer to arrive is the probe's: nothing answered the malformed messages.
        StunAssert.Success(answer);
        Assert.Equal(0, relay.Server.AllocationCount);
    }

    [Fact]
    public async Task UnauthenticatedFlood_IsRateLimitedPerSource()
    {
        await using var relay = await RelayTestServer.StartAsync(o => (o.UnauthenticatedRequestsPerSecond, o.UnauthenticatedBurst) = (1, 3));
        using var client = new RawTurnClient(relay.Udp);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(StunErrorCodes.Unauthorized, StunAssert.ErrorCode(await client.ChallengeAsync()));
        }

        for (var i = 0; i < 5; i++)
        {
            client.SendRaw(RawTurnClient.Allocate().ToArray());
        }

        await Eventually.TrueAsync(() => relay.Server.Metrics.Snapshot().Refusals[nameof(RelayRefusal.RateLimited)] >= 4);
        Assert.Equal(3, relay.Server.Metrics.Snapshot().Refusals[nameof(RelayRefusal.Unauthorized)]);
    }

    [Fact]
    public async Task UnknownComprehensionRequiredAttribute_Is420()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);

        var response = await client.RequestAsync(RawTurnClient.Allocate().Add((StunAttributeType)0x0031, [1, 2, 3, 4]));

        Assert.Equal(StunErrorCodes.UnknownAttribute, StunAssert.ErrorCode(response));
        Assert.Contains((ushort)0x0031, response.GetUnknownAttributes());
    }

    private static byte[] WithLength(byte[] message, ushort length)
    {
        var copy = (byte[])message.Clone();
        copy[2] = (byte)(length >> 8);
        copy[3] = (byte)length;
        return copy;
    }

    private static byte[] WithAttributeLength(byte[] message, ushort length)
    {
        var copy = (byte[])message.Clone();
        copy[StunMessage.HeaderLength + 2] = (byte)(length >> 8);
        copy[StunMessage.HeaderLength + 3] = (byte)length;
        return copy;
    }
}
