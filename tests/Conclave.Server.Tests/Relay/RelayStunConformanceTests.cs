using System.Text;
using Conclave.Protocols.Stun;
using Conclave.Server.Relay;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Server.Tests.Relay;

/// <summary>
/// RFC 8489's rules for receiving a STUN message (§6.3, §7.3, §14) as the relay applies them to every
/// method, Binding included, over real UDP on 127.0.0.1.
/// </summary>
public sealed class RelayStunConformanceTests
{
    /// <summary>Larger than any RFC 8489 limit on a text attribute (763 bytes), as a probe sent it.</summary>
    private const int Oversized = 10_000;

    [Fact]
    public async Task Binding_WithUnknownComprehensionRequiredAttribute_Is420ListingIt()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);

        var response = await client.RequestAsync(new StunMessageBuilder(StunMethod.Binding, StunClass.Request)
            .Add((StunAttributeType)0x0031, [1, 2, 3, 4]).AddFingerprint());

        // RFC 8489 §6.3.1.1: 420 with UNKNOWN-ATTRIBUTES, and no mapped address: the request was not served.
        Assert.Equal(StunErrorCodes.UnknownAttribute, StunAssert.ErrorCode(response));
        Assert.Equal([(ushort)0x0031], response.GetUnknownAttributes());
        Assert.False(response.Has(StunAttributeType.XorMappedAddress));
    }

    [Fact]
    public async Task Binding_WithUnknownComprehensionOptionalAttribute_Succeeds()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);

        var response = await client.RequestAsync(new StunMessageBuilder(StunMethod.Binding, StunClass.Request)
            .Add((StunAttributeType)0x8031, [1, 2, 3, 4]).AddFingerprint());

        StunAssert.Success(response);
        Assert.True(response.TryGetXorAddress(StunAttributeType.XorMappedAddress, out var mapped));
        Assert.Equal(client.LocalEndPoint, mapped);
    }

    [Theory]
    [InlineData("binding")]
    [InlineData("unauthenticated allocate")]
    [InlineData("signed allocate")]
    [InlineData("unsupported method")]
    public async Task Request_WithWrongFingerprint_IsDiscardedWithoutAnswerOrState(string kind)
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        await client.ChallengeAsync();
        var request = kind switch
        {
            "binding" => new StunMessageBuilder(StunMethod.Binding, StunClass.Request).AddFingerprint(),
            "unauthenticated allocate" => RawTurnClient.Allocate().AddFingerprint(),
            "signed allocate" => client.Sign(RawTurnClient.Allocate(), credentials.Username, credentials.Password),
            _ => new StunMessageBuilder((StunMethod)0x0FF, StunClass.Request).AddFingerprint(),
        };

        client.SendRaw(WithWrongFingerprint(request.ToArray()));
        var probe = new StunMessageBuilder(StunMethod.Binding, StunClass.Request).AddFingerprint();
        client.SendRaw(probe.ToArray());

        // RFC 8489 §7.3: a wrong FINGERPRINT means the message is silently discarded, so the first answer is the probe's.
        var first = await client.ReceiveStunAsync();
        Assert.Equal(Convert.ToHexString(probe.TransactionId), Convert.ToHexString(first.TransactionId));
        StunAssert.Success(first);
        Assert.Equal(0, relay.Server.AllocationCount);
    }

    [Fact]
    public async Task SendIndication_WithWrongFingerprint_IsNotRelayed()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        using var peer = new UdpPeer();
        var credentials = relay.Credentials();
        StunAssert.Success(await client.AllocateAsync(credentials.Username, credentials.Password));
        StunAssert.Success(await client.SignedAsync(new StunMessageBuilder(StunMethod.CreatePermission, StunClass.Request)
            .AddXorAddress(StunAttributeType.XorPeerAddress, peer.EndPoint), credentials.Username, credentials.Password));

        client.SendRaw(WithWrongFingerprint(SendIndication(peer, "corrupted"u8).AddFingerprint().ToArray()));
        client.SendRaw(SendIndication(peer, "intact"u8).AddFingerprint().ToArray());

        var (data, _) = await peer.ReceiveAsync();
        Assert.Equal("intact", Encoding.ASCII.GetString(data));
    }

    [Fact]
    public async Task SendIndication_WithUnknownComprehensionRequiredAttribute_IsNotRelayed()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        using var peer = new UdpPeer();
        var credentials = relay.Credentials();
        StunAssert.Success(await client.AllocateAsync(credentials.Username, credentials.Password));
        StunAssert.Success(await client.SignedAsync(new StunMessageBuilder(StunMethod.CreatePermission, StunClass.Request)
            .AddXorAddress(StunAttributeType.XorPeerAddress, peer.EndPoint), credentials.Username, credentials.Password));

        // RFC 8489 §6.3.2: an indication with an unknown comprehension-required attribute is discarded.
        client.SendRaw(SendIndication(peer, "unknown"u8).Add((StunAttributeType)0x0031, [1, 2, 3, 4]).ToArray());
        client.SendRaw(SendIndication(peer, "known"u8).ToArray());

        var (data, _) = await peer.ReceiveAsync();
        Assert.Equal("known", Encoding.ASCII.GetString(data));
    }

    [Fact]
    public async Task Allocate_WithUsernameOverRfcLimit_IsDiscardedAndGetsNoAllocation()
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        // Correctly signed credentials whose username is 10,000 bytes long.
        var credentials = relay.Credentials(userId: new string('u', Oversized));
        await client.ChallengeAsync();

        client.SendRaw(client.Sign(RawTurnClient.Allocate(), credentials.Username, credentials.Password).ToArray());

        await AssertOnlyTheProbeIsAnsweredAsync(client);
        Assert.Equal(0, relay.Server.AllocationCount);
    }

    [Theory]
    [InlineData(StunAttributeType.Username, 764, 'u')]
    [InlineData(StunAttributeType.Realm, 764, 'r')]
    [InlineData(StunAttributeType.Realm, 128, 'r')]
    [InlineData(StunAttributeType.Nonce, 764, 'n')]
    [InlineData(StunAttributeType.Nonce, 128, 'n')]
    [InlineData(StunAttributeType.Software, 764, 's')]
    [InlineData(StunAttributeType.Software, 128, 's')]
    public async Task Request_WithTextAttributeOverRfcLimit_IsDiscarded(StunAttributeType type, int length, char fill)
    {
        await using var relay = await RelayTestServer.StartAsync();
        using var client = new RawTurnClient(relay.Udp);
        await client.ChallengeAsync();
        var credentials = relay.Credentials();
        var username = type == StunAttributeType.Username ? new string(fill, length) : credentials.Username;
        var realm = type == StunAttributeType.Realm ? new string(fill, length) : client.Realm!;
        var nonce = type == StunAttributeType.Nonce ? new string(fill, length) : client.Nonce!;
        var request = RawTurnClient.Allocate();
        if (type == StunAttributeType.Software)
        {
            request.AddString(StunAttributeType.Software, new string(fill, length));
        }

        // RFC 8489 §14.3, §14.9, §14.10, §14.14: at most 763 bytes, and fewer than 128 characters for REALM, NONCE and SOFTWARE.
        client.SendRaw(request.AddString(StunAttributeType.Username, username).AddString(StunAttributeType.Realm, realm)
            .AddString(StunAttributeType.Nonce, nonce)
            .AddMessageIntegrity(StunCredentials.LongTermKey(username, realm, credentials.Password)).AddFingerprint().ToArray());

        await AssertOnlyTheProbeIsAnsweredAsync(client);
        Assert.Equal(0, relay.Server.AllocationCount);
    }

    [Fact]
    public async Task Binding_IsAnsweredWhileAnUnauthenticatedFloodFromTheSameSourceIsRateLimited()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var relay = await RelayTestServer.StartAsync(o => (o.UnauthenticatedRequestsPerSecond, o.UnauthenticatedBurst) = (1, 3), time);
        using var client = new RawTurnClient(relay.Udp);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(StunErrorCodes.Unauthorized, StunAssert.ErrorCode(await client.ChallengeAsync()));
        }

        for (var i = 0; i < 5; i++)
        {
            client.SendRaw(RawTurnClient.Allocate().ToArray());
        }

        await Eventually.TrueAsync(() => relay.Server.Metrics.Snapshot().Refusals[nameof(RelayRefusal.RateLimited)] >= 5);

        // The clock has not moved: the Allocate budget is spent, and Binding still has its own.
        var binding = await client.RequestAsync(new StunMessageBuilder(StunMethod.Binding, StunClass.Request).AddFingerprint());
        StunAssert.Success(binding);
    }

    [Fact]
    public async Task BindingFlood_IsBoundedByItsOwnBudget_AndLeavesTheAllocateBudgetAlone()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var relay = await RelayTestServer.StartAsync(o => (o.BindingRequestsPerSecond, o.BindingBurst) = (1, 3), time);
        using var client = new RawTurnClient(relay.Udp);
        for (var i = 0; i < 3; i++)
        {
            StunAssert.Success(await client.RequestAsync(new StunMessageBuilder(StunMethod.Binding, StunClass.Request)));
        }

        for (var i = 0; i < 5; i++)
        {
            client.SendRaw(new StunMessageBuilder(StunMethod.Binding, StunClass.Request).ToArray());
        }

        await Eventually.TrueAsync(() => relay.Server.Metrics.Snapshot().Refusals[nameof(RelayRefusal.RateLimited)] >= 5);
        Assert.Equal(StunErrorCodes.Unauthorized, StunAssert.ErrorCode(await client.ChallengeAsync()));

        // A second later one more Binding is answered.
        time.Advance(TimeSpan.FromSeconds(1));
        StunAssert.Success(await client.RequestAsync(new StunMessageBuilder(StunMethod.Binding, StunClass.Request)));
    }

    private static StunMessageBuilder SendIndication(UdpPeer peer, ReadOnlySpan<byte> data) =>
        new StunMessageBuilder(StunMethod.Send, StunClass.Indication)
            .AddXorAddress(StunAttributeType.XorPeerAddress, peer.EndPoint).Add(StunAttributeType.Data, data.ToArray());

    /// <summary>Sends a Binding probe and checks that its answer is the first STUN message to arrive.</summary>
    private static async Task AssertOnlyTheProbeIsAnsweredAsync(RawTurnClient client)
    {
        var probe = new StunMessageBuilder(StunMethod.Binding, StunClass.Request).AddFingerprint();
        client.SendRaw(probe.ToArray());
        var first = await client.ReceiveStunAsync();
        Assert.Equal(Convert.ToHexString(probe.TransactionId), Convert.ToHexString(first.TransactionId));
    }

    private static byte[] WithWrongFingerprint(byte[] message)
    {
        var copy = (byte[])message.Clone();
        copy[^1] ^= 0x5A;
        return copy;
    }
}
