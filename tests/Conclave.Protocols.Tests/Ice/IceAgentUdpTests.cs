using System.Net;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Net;
using Conclave.Protocols.Tests.Turn;
using Conclave.Protocols.Turn;

namespace Conclave.Protocols.Tests.Ice;

/// <summary>Two agents on real UDP sockets on 127.0.0.1, directly and through a real coturn.</summary>
public class IceAgentUdpTests(CoturnFixture coturn) : IClassFixture<CoturnFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static IceAgent Agent(IceRole role, bool relayOnly = false, IReadOnlyList<IceTurnServer>? turn = null, Func<IPAddress, bool>? filter = null) =>
        new(new IceAgentOptions
        {
            Network = UdpNetwork.Instance,
            Role = role,
            AddressFilter = filter ?? (a => a.Equals(IPAddress.Loopback)),
            RelayOnly = relayOnly,
            TurnServers = turn ?? [],
        });

    private static async Task ConnectAsync(IceAgent a, IceAgent b)
    {
        var aUp = UpTask(a);
        var bUp = UpTask(b);
        Wire(a, b);
        Wire(b, a);
        using var cts = new CancellationTokenSource(Timeout);
        await Task.WhenAll(a.GatherAsync(cts.Token), b.GatherAsync(cts.Token)).WaitAsync(cts.Token);
        await Task.WhenAll(aUp, bUp).WaitAsync(cts.Token);
    }

    private static Task UpTask(IceAgent agent)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.StateChanged += s =>
        {
            if (s == IceConnectionState.Completed)
            {
                tcs.TrySetResult();
            }
            else if (s == IceConnectionState.Failed)
            {
                tcs.TrySetException(new InvalidOperationException("ICE failed"));
            }
        };
        return tcs.Task;
    }

    private static void Wire(IceAgent from, IceAgent to)
    {
        to.SetRemoteCredentials(from.LocalUfrag, from.LocalPassword);
        from.CandidateGathered += c =>
        {
            if (c is null)
            {
                to.AddRemoteEndOfCandidates();
            }
            else
            {
                to.AddRemoteCandidate(c);
            }
        };
    }

    private static async Task AssertDataFlowsAsync(IceAgent a, IceAgent b)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var buffer = new byte[64];
        Assert.True(await a.SendAsync(new byte[] { 0x80, 1, 2, 3 }, cts.Token));
        var n = await b.ReceiveAsync(buffer, cts.Token);
        Assert.Equal(new byte[] { 0x80, 1, 2, 3 }, buffer[..n]);
        Assert.True(await b.SendAsync(new byte[] { 0x16, 0xFE, 0xFD }, cts.Token)); // a DTLS-looking datagram
        n = await a.ReceiveAsync(buffer, cts.Token);
        Assert.Equal(new byte[] { 0x16, 0xFE, 0xFD }, buffer[..n]);
    }

    [Fact]
    public async Task TwoAgents_OnLoopbackUdp_ConnectAndCarryData()
    {
        await using var a = Agent(IceRole.Controlling);
        await using var b = Agent(IceRole.Controlled);
        await ConnectAsync(a, b);

        Assert.All(a.LocalCandidates, c => Assert.True(IPAddress.IsLoopback(c.Address.Address)));
        Assert.Equal(IceCandidateType.Host, a.SelectedPair!.Local.Type);
        await AssertDataFlowsAsync(a, b);
    }

    [Fact]
    public async Task TwoAgents_OnIPv6LoopbackUdp_ConnectAndCarryData()
    {
        await using var a = Agent(IceRole.Controlling, filter: a => a.Equals(IPAddress.IPv6Loopback));
        await using var b = Agent(IceRole.Controlled, filter: a => a.Equals(IPAddress.IPv6Loopback));
        await ConnectAsync(a, b);

        Assert.Equal(IPAddress.IPv6Loopback, a.SelectedPair!.Remote.Address.Address);
        await AssertDataFlowsAsync(a, b);
    }

    [Fact]
    public async Task RelayOnlyAgent_ConnectsThroughCoturn_AndCarriesData()
    {
        var (username, password) = coturn.Credentials();
        await using var a = Agent(IceRole.Controlling, relayOnly: true, turn: [new IceTurnServer(coturn.EndPoint, username, password)]);
        await using var b = Agent(IceRole.Controlled);
        await ConnectAsync(a, b);

        Assert.All(a.LocalCandidates, c => Assert.Equal(IceCandidateType.Relayed, c.Type));
        Assert.Equal(IceCandidateType.Relayed, a.SelectedPair!.Local.Type);
        await AssertDataFlowsAsync(a, b);
    }

    [Fact]
    public async Task BothRelayOnly_ConnectRelayToRelayThroughCoturn()
    {
        var (u1, p1) = coturn.Credentials("alice");
        var (u2, p2) = coturn.Credentials("bob");
        await using var a = Agent(IceRole.Controlling, relayOnly: true, turn: [new IceTurnServer(coturn.EndPoint, u1, p1)]);
        await using var b = Agent(IceRole.Controlled, relayOnly: true, turn: [new IceTurnServer(coturn.EndPoint, u2, p2)]);
        await ConnectAsync(a, b);

        Assert.Equal(IceCandidateType.Relayed, a.SelectedPair!.Local.Type);
        Assert.Equal(IceCandidateType.Relayed, a.SelectedPair.Remote.Type);
        await AssertDataFlowsAsync(a, b);

        // After selection the relayed side binds a channel, and data keeps flowing over it.
        var turn = Assert.IsType<TurnClient>(a.SelectedPair.Base.Socket);
        using var cts = new CancellationTokenSource(Timeout);
        while (!turn.HasChannel(a.SelectedPair.Remote.Address))
        {
            await Task.Delay(10, cts.Token);
        }

        await AssertDataFlowsAsync(a, b);
    }
}
