using Conclave.Server.Media;

namespace Conclave.Server.Tests.Media;

/// <summary>What a leg refuses at signaling time: a second offer from the same device, a third device, and the end of the call.</summary>
public sealed class MediaLegLimitsTests(MediaServerFixture server) : IClassFixture<MediaServerFixture>
{
    [Fact]
    public async Task SecondOfferFromTheSameDevice_IsRefusedWithLegExists_AndTheFirstLegStays()
    {
        var callId = Guid.NewGuid();
        await using var device = MediaDevice.Create(callId, "alice", 440);
        await using var again = MediaDevice.Create(callId, "alice", 440);
        Assert.Null(await device.OfferAsync(server.Processor));

        var refusal = await again.OfferAsync(server.Processor);

        Assert.Equal(MediaRefusal.LegExistsCode, refusal?.Code);
        Assert.Single(server.Processor.LegsOf(callId));
        await server.Processor.CloseCallAsync(callId, "Test");
    }

    [Fact]
    public async Task ThirdDeviceInACall_IsRefused()
    {
        var callId = Guid.NewGuid();
        await using var alice = MediaDevice.Create(callId, "alice", 440);
        await using var bob = MediaDevice.Create(callId, "bob", 1000);
        await using var carol = MediaDevice.Create(callId, "carol", 700);
        Assert.Null(await alice.OfferAsync(server.Processor));
        Assert.Null(await bob.OfferAsync(server.Processor));

        var refusal = await carol.OfferAsync(server.Processor);

        Assert.Equal(MediaRefusal.LegExistsCode, refusal?.Code);
        Assert.Equal(2, server.Processor.LegsOf(callId).Count);
        await server.Processor.CloseCallAsync(callId, "Test");
        Assert.Empty(server.Processor.LegsOf(callId));
    }

    [Fact]
    public async Task CloseCall_ReleasesTheLegsPorts()
    {
        var callId = Guid.NewGuid();
        await using var alice = MediaDevice.Create(callId, "alice", 440);
        Assert.Null(await alice.OfferAsync(server.Processor));
        var port = server.Processor.LegsOf(callId)[0].Local!;

        await server.Processor.CloseCallAsync(callId, "Test");
        await server.Processor.CloseCallAsync(callId, "Test");

        // The port is free again: binding it succeeds.
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        socket.Bind(port);
        Assert.Equal(port, socket.LocalEndPoint);
    }
}
