using System.Net;
using System.Net.Sockets;
using System.Text;
using Conclave.Protocols.Net;
using Conclave.Protocols.Turn;

namespace Conclave.Protocols.Tests.Turn;

/// <summary>The TURN client against a real coturn on loopback, with a real UDP peer.</summary>
public class TurnClientCoturnTests(CoturnFixture coturn) : IClassFixture<CoturnFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private async Task<TurnClient> AllocatedClientAsync()
    {
        var (username, password) = coturn.Credentials();
        var socket = await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None);
        var client = new TurnClient(socket, coturn.EndPoint, username, password);
        using var cts = new CancellationTokenSource(Timeout);
        await client.AllocateAsync(cts.Token);
        return client;
    }

    [Fact]
    public async Task Allocate_AfterTheChallenge_GivesRelayedAndMappedAddresses()
    {
        await using var client = await AllocatedClientAsync();
        Assert.Equal(IPAddress.Loopback, client.RelayedEndPoint!.Address);
        Assert.NotEqual(coturn.EndPoint.Port, client.RelayedEndPoint.Port);
        Assert.Equal(IPAddress.Loopback, client.MappedEndPoint!.Address);
        Assert.True(client.Lifetime > TimeSpan.Zero);
    }

    [Fact]
    public async Task Allocate_WithWrongPassword_FailsWith401()
    {
        var (username, _) = coturn.Credentials();
        var socket = await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None);
        await using var client = new TurnClient(socket, coturn.EndPoint, username, "wrong");
        using var cts = new CancellationTokenSource(Timeout);
        var e = await Assert.ThrowsAsync<TurnException>(() => client.AllocateAsync(cts.Token));
        Assert.Equal(401, e.ErrorCode);
    }

    [Fact]
    public async Task PermissionThenChannel_DataFlowsBothWaysWithAUdpPeer()
    {
        await using var client = await AllocatedClientAsync();
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var peerEndPoint = (IPEndPoint)peer.LocalEndPoint!;
        using var cts = new CancellationTokenSource(Timeout);
        var buffer = new byte[1500];

        // Send indication after CreatePermission.
        await client.CreatePermissionAsync(peerEndPoint.Address, cts.Token);
        await client.SendToAsync(Encoding.ASCII.GetBytes("via indication"), peerEndPoint, cts.Token);
        var atPeer = await peer.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), cts.Token);
        Assert.Equal("via indication", Encoding.ASCII.GetString(buffer, 0, atPeer.ReceivedBytes));
        Assert.Equal(client.RelayedEndPoint, atPeer.RemoteEndPoint);

        // Peer → relay arrives as a Data indication.
        await peer.SendToAsync(Encoding.ASCII.GetBytes("back by data"), client.RelayedEndPoint!, cts.Token);
        var atClient = await client.ReceiveFromAsync(buffer, cts.Token);
        Assert.Equal("back by data", Encoding.ASCII.GetString(buffer, 0, atClient.Length));
        Assert.Equal(peerEndPoint, atClient.RemoteEndPoint);

        // Channel bound: both directions use ChannelData.
        var channel = await client.BindChannelAsync(peerEndPoint, cts.Token);
        Assert.InRange(channel, ChannelData.MinChannel, ChannelData.MaxChannel);
        await client.SendToAsync(Encoding.ASCII.GetBytes("via channel"), peerEndPoint, cts.Token);
        atPeer = await peer.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), cts.Token);
        Assert.Equal("via channel", Encoding.ASCII.GetString(buffer, 0, atPeer.ReceivedBytes));
        await peer.SendToAsync(Encoding.ASCII.GetBytes("back by channel"), client.RelayedEndPoint!, cts.Token);
        atClient = await client.ReceiveFromAsync(buffer, cts.Token);
        Assert.Equal("back by channel", Encoding.ASCII.GetString(buffer, 0, atClient.Length));

        await client.RefreshAsync(TimeSpan.FromMinutes(20), cts.Token);
        Assert.Equal(TimeSpan.FromMinutes(20), client.Lifetime);
    }

    [Fact]
    public async Task SendToUnpermittedPeer_InstallsThePermissionFirst()
    {
        await using var client = await AllocatedClientAsync();
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var cts = new CancellationTokenSource(Timeout);
        await client.SendToAsync(new byte[] { 1, 2, 3 }, (IPEndPoint)peer.LocalEndPoint!, cts.Token);
        var buffer = new byte[16];
        var r = await peer.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), cts.Token);
        Assert.Equal(new byte[] { 1, 2, 3 }, buffer[..r.ReceivedBytes]);
    }
}
