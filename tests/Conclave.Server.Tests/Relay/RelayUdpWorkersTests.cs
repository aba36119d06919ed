using System.Net;
using System.Net.Sockets;
using Conclave.Protocols.Net;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;

namespace Conclave.Server.Tests.Relay;

/// <summary>
/// The UDP workers (Linux: SO_REUSEPORT listeners and relayed sockets read with epoll) and the plain
/// path (one listener thread, an async receive per allocation) relay alike; the shared port stays the
/// relay's own; deleted allocations leave their worker.
/// </summary>
public sealed class RelayUdpWorkersTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task ManyClients_OverAnyNumberOfUdpWorkers_EachGetsItsOwnDataBackThroughItsChannel(int threads)
    {
        await using var relay = await RelayTestServer.StartAsync(o => o.UdpThreads = threads);
        var credentials = relay.Credentials();
        var clients = new List<TurnClient>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                var client = new TurnClient(await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), default),
                    relay.Udp, credentials.Username, credentials.Password);
                clients.Add(client);
                await client.AllocateAsync(CancellationToken.None);
            }

            using var peer = new UdpPeer();
            foreach (var client in clients)
            {
                await client.BindChannelAsync(peer.EndPoint, CancellationToken.None);
            }

            for (var i = 0; i < clients.Count; i++)
            {
                var payload = Enumerable.Repeat((byte)i, 50 + i).ToArray();
                await clients[i].SendToAsync(payload, peer.EndPoint, CancellationToken.None);
                var (atPeer, from) = await peer.ReceiveAsync();
                Assert.Equal(payload, atPeer);
                Assert.Equal(clients[i].RelayedEndPoint, from);
                peer.SendTo(payload, from);
                var buffer = new byte[1500];
                var atClient = await clients[i].ReceiveFromAsync(buffer, new CancellationTokenSource(5000).Token);
                Assert.Equal(payload, buffer[..atClient.Length]);
                Assert.Equal(peer.EndPoint, atClient.RemoteEndPoint);
            }

            await Eventually.TrueAsync(() => relay.Server.Metrics.Snapshot() is { PacketsToPeer: 8, PacketsToClient: 8 });
            Assert.Equal(OperatingSystem.IsLinux() ? threads : 0, relay.Server.UdpWorkerCount);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task SecondRelay_OnTheFirstRelaysUdpPort_FailsToStart_AndTheFirstKeepsItsClients()
    {
        await using var first = await RelayTestServer.StartAsync(o => o.UdpThreads = 2);

        var error = await Assert.ThrowsAsync<SocketException>(() => RelayTestServer.StartAsync(o =>
        {
            o.UdpThreads = 2;
            o.UdpPort = first.Udp.Port;
        }));

        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
        using var client = new RawTurnClient(first.Udp);
        var credentials = first.Credentials();
        StunAssert.Success(await client.AllocateAsync(credentials.Username, credentials.Password));
    }

    [Fact]
    public async Task DeletedAllocation_LeavesItsUdpWorker()
    {
        await using var relay = await RelayTestServer.StartAsync(o => o.UdpThreads = 2);
        if (relay.Server.UdpWorkerCount == 0)
        {
            Assert.False(OperatingSystem.IsLinux(), "Linux runs UDP workers");
            return;
        }

        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();
        // The two listeners are watched from the start.
        Assert.Equal(2, relay.Server.PolledSocketCount);
        StunAssert.Success(await client.AllocateAsync(credentials.Username, credentials.Password));
        Assert.Equal(3, relay.Server.PolledSocketCount);

        StunAssert.Success(await client.SignedAsync(new StunMessageBuilder(StunMethod.Refresh, StunClass.Request).AddLifetime(TimeSpan.Zero),
            credentials.Username, credentials.Password));

        Assert.Equal(0, relay.Server.AllocationCount);
        Assert.Equal(2, relay.Server.PolledSocketCount);
    }
}
