using System.Net;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Server.Tests.Relay;

/// <summary>Allocation, permission and channel lifetimes (RFC 8656 §7, §9, §12) on a fake clock.</summary>
public sealed class RelayLifetimeTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Allocation_ExpiresAfterDefaultLifetime_AndIsSwept()
    {
        await using var relay = await RelayTestServer.StartAsync(time: _time);
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();

        var allocated = await client.AllocateAsync(credentials.Username, credentials.Password);

        Assert.True(allocated.TryGetLifetime(out var lifetime));
        Assert.Equal(TimeSpan.FromSeconds(600), lifetime);
        _time.Advance(TimeSpan.FromSeconds(599));
        Assert.Equal(1, relay.Server.AllocationCount);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, relay.Server.AllocationCount);
        Assert.Equal(0, relay.Server.Metrics.Snapshot().AllocationsActive);
    }

    [Theory]
    [InlineData(7200, 3600)]
    [InlineData(1800, 1800)]
    [InlineData(60, 600)]
    public async Task Allocate_RequestedLifetime_IsClampedBetweenDefaultAndMaximum(int requested, int granted)
    {
        await using var relay = await RelayTestServer.StartAsync(time: _time);
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        await client.ChallengeAsync();

        var allocated = await client.SignedAsync(RawTurnClient.Allocate().AddLifetime(TimeSpan.FromSeconds(requested)), credentials.Username, credentials.Password);

        StunAssert.Success(allocated);
        Assert.True(allocated.TryGetLifetime(out var lifetime));
        Assert.Equal(TimeSpan.FromSeconds(granted), lifetime);
    }

    [Fact]
    public async Task Refresh_ExtendsTheAllocation()
    {
        await using var relay = await RelayTestServer.StartAsync(time: _time);
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        StunAssert.Success(await client.AllocateAsync(credentials.Username, credentials.Password));

        _time.Advance(TimeSpan.FromSeconds(500));
        StunAssert.Success(await client.SignedRetryingStaleAsync(() => new StunMessageBuilder(StunMethod.Refresh, StunClass.Request), credentials.Username, credentials.Password));
        _time.Advance(TimeSpan.FromSeconds(500));

        Assert.Equal(1, relay.Server.AllocationCount);
        _time.Advance(TimeSpan.FromSeconds(101));
        Assert.Equal(0, relay.Server.AllocationCount);
    }

    [Fact]
    public async Task Refresh_ZeroLifetime_DeletesTheAllocation()
    {
        await using var relay = await RelayTestServer.StartAsync(time: _time);
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        StunAssert.Success(await client.AllocateAsync(credentials.Username, credentials.Password));

        var response = await client.SignedAsync(new StunMessageBuilder(StunMethod.Refresh, StunClass.Request).AddLifetime(TimeSpan.Zero),
            credentials.Username, credentials.Password);

        StunAssert.Success(response);
        Assert.True(response.TryGetLifetime(out var lifetime));
        Assert.Equal(TimeSpan.Zero, lifetime);
        Assert.Equal(0, relay.Server.AllocationCount);
    }

    [Fact]
    public async Task Permission_LastsThreeHundredSeconds()
    {
        await using var relay = await RelayTestServer.StartAsync(time: _time);
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        var relayed = await AllocateAsync(client, credentials);
        using var peer = new UdpPeer();
        StunAssert.Success(await client.SignedAsync(new StunMessageBuilder(StunMethod.CreatePermission, StunClass.Request)
            .AddXorAddress(StunAttributeType.XorPeerAddress, peer.EndPoint), credentials.Username, credentials.Password));

        _time.Advance(TimeSpan.FromSeconds(299));
        peer.SendTo([1], relayed);
        Assert.Equal(StunMethod.Data, (await client.ReceiveStunAsync()).Method);

        _time.Advance(TimeSpan.FromSeconds(2));
        peer.SendTo([2], relayed);
        await Eventually.TrueAsync(() => relay.Server.Metrics.Snapshot().DroppedWithoutPermission == 1);
        Assert.Equal(1, relay.Server.Metrics.Snapshot().PacketsToClient);
    }

    [Fact]
    public async Task ChannelBinding_LastsSixHundredSeconds_ThenCoolsDownFiveMinutesBeforeRebinding()
    {
        await using var relay = await RelayTestServer.StartAsync(o => o.DefaultAllocationLifetime = TimeSpan.FromHours(1), _time);
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        var relayed = await AllocateAsync(client, credentials);
        using var peer = new UdpPeer();
        var other = new IPEndPoint(IPAddress.Loopback, peer.EndPoint.Port == 9 ? 10 : 9);
        Task<StunMessage> Bind(IPEndPoint to) => client.SignedRetryingStaleAsync(() => new StunMessageBuilder(StunMethod.ChannelBind, StunClass.Request)
            .AddChannelNumber(0x4000).AddXorAddress(StunAttributeType.XorPeerAddress, to), credentials.Username, credentials.Password);
        Task<StunMessage> Permit() => client.SignedRetryingStaleAsync(() => new StunMessageBuilder(StunMethod.CreatePermission, StunClass.Request)
            .AddXorAddress(StunAttributeType.XorPeerAddress, peer.EndPoint), credentials.Username, credentials.Password);
        StunAssert.Success(await Bind(peer.EndPoint));

        _time.Advance(TimeSpan.FromSeconds(290));
        StunAssert.Success(await Permit());
        _time.Advance(TimeSpan.FromSeconds(290));
        StunAssert.Success(await Permit());
        peer.SendTo([1], relayed);
        var beforeExpiry = await client.ReceiveRawAsync();
        _time.Advance(TimeSpan.FromSeconds(21));
        peer.SendTo([2], relayed);
        var afterExpiry = await client.ReceiveRawAsync();

        Assert.Equal(0x40, beforeExpiry[0]);
        Assert.True(StunMessage.TryParse(afterExpiry, out var indication, out _) && indication.Method == StunMethod.Data);
        Assert.Equal(StunErrorCodes.BadRequest, StunAssert.ErrorCode(await Bind(other)));
        _time.Advance(TimeSpan.FromSeconds(301));
        StunAssert.Success(await Bind(other));
    }

    private static async Task<IPEndPoint> AllocateAsync(RawTurnClient client, Conclave.Server.Relay.TurnCredentials credentials)
    {
        var allocated = await client.AllocateAsync(credentials.Username, credentials.Password);
        StunAssert.Success(allocated);
        Assert.True(allocated.TryGetXorAddress(StunAttributeType.XorRelayedAddress, out var relayed));
        return relayed;
    }
}
