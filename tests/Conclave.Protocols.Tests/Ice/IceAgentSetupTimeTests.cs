using System.Net;
using System.Text;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Net;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Protocols.Tests.Ice;

/// <summary>
/// How fast a pair comes up: checks leave as soon as pacing allows (RFC 8445 §14.2), a host-to-host pair is
/// nominated without waiting for better ones (§8.1.1), data may go on a valid pair before selection (§12.1),
/// and host candidates are announced before server gathering ends (RFC 8838 §4).
/// </summary>
public class IceAgentSetupTimeTests
{
    private static readonly IPAddress AddressA = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress AddressB = IPAddress.Parse("192.0.2.20");
    private static readonly TimeSpan LongNominationDelay = TimeSpan.FromSeconds(5);

    private static IceAgent Agent(INetwork network, FakeTimeProvider time, IceRole role, IReadOnlyList<IPEndPoint>? stun = null) =>
        new(new IceAgentOptions
        {
            Network = network,
            TimeProvider = time,
            Role = role,
            StunServers = stun ?? [],
            NominationDelay = LongNominationDelay,
        });

    [Fact]
    public async Task HostPair_IsSelectedOneTaAfterTheFirstCheck_WithoutWaitingForATickOrTheNominationDelay()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        await using var h = new IcePairHarness(time, Agent(net.AddHost(AddressA), time, IceRole.Controlling), Agent(net.AddHost(AddressB), time, IceRole.Controlled));
        var start = time.GetTimestamp();
        await h.GatherAsync();

        Assert.True(await h.RunUntilAsync(() => IcePairHarness.IsUp(h.A) && IcePairHarness.IsUp(h.B), TimeSpan.FromSeconds(10)));

        // The first checks leave during gathering; the nominating check waits one Ta for pacing, then 1 ms each way.
        Assert.InRange(time.GetElapsedTime(start), IceAgentOptions.DefaultTa, IceAgentOptions.DefaultTa + TimeSpan.FromMilliseconds(20));
        Assert.True(h.A.SelectedPair!.Nominated);
    }

    [Fact]
    public async Task HostToHostPairValid_WhileABetterPairIsStillChecked_IsNominatedWithoutTheDelay()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        var silent = await SilentSocketAsync(net, "192.0.2.30");
        await using var h = new IcePairHarness(time, Agent(net.AddHost(AddressA), time, IceRole.Controlling), Agent(net.AddHost(AddressB), time, IceRole.Controlled));

        // A remote candidate that outranks B's real one but never answers: its pair stays in progress.
        h.A.AddRemoteCandidate(new IceCandidate("99", 1, "udp", uint.MaxValue >> 1, silent, IceCandidateType.Host));
        await h.GatherAsync();

        Assert.True(await h.RunUntilAsync(() => IcePairHarness.IsUp(h.A) && IcePairHarness.IsUp(h.B), TimeSpan.FromSeconds(10)));
        Assert.Equal(AddressB, h.A.SelectedPair!.Remote.Address.Address);
        Assert.Contains(h.A.Pairs, p => p.Remote.Address.Equals(silent) && p.State == IceCandidatePairState.InProgress);
        Assert.True(time.GetUtcNow() - time.Start < LongNominationDelay);
    }

    [Fact]
    public async Task NewChecks_LeaveAtOnceAndAtLeastTaApart()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        var silent = new[] { await SilentSocketAsync(net, "192.0.2.31"), await SilentSocketAsync(net, "192.0.2.32"), await SilentSocketAsync(net, "192.0.2.33") };
        var firstSent = new Dictionary<string, long>();
        net.Filter = (from, _, data) =>
        {
            // Binding requests from A (RFC 8489 §5: type 0x0001); a retransmission repeats its transaction ID.
            if (from.Address.Equals(AddressA) && data.Length >= 20 && data.Span[0] == 0x00 && data.Span[1] == 0x01)
            {
                firstSent.TryAdd(Convert.ToHexString(data.Span[8..20]), time.GetTimestamp());
            }

            return true;
        };
        var start = time.GetTimestamp();
        await using var h = new IcePairHarness(time, Agent(net.AddHost(AddressA), time, IceRole.Controlling), Agent(net.AddHost(AddressB), time, IceRole.Controlled));
        foreach (var (endPoint, i) in silent.Select((e, i) => (e, i)))
        {
            h.A.AddRemoteCandidate(new IceCandidate("9" + i, 1, "udp", (uint.MaxValue >> 1) - (uint)i, endPoint, IceCandidateType.Host));
        }

        await h.GatherAsync();
        Assert.True(await h.RunUntilAsync(() => IcePairHarness.IsUp(h.A) && IcePairHarness.IsUp(h.B), TimeSpan.FromSeconds(10)));

        var times = firstSent.Values.Order().ToList();
        Assert.True(times.Count >= 3, $"{times.Count} checks");
        Assert.Equal(TimeSpan.Zero, time.GetElapsedTime(start, times[0]));
        for (var i = 1; i < times.Count; i++)
        {
            Assert.True(time.GetElapsedTime(times[i - 1], times[i]) >= IceAgentOptions.DefaultTa - TimeSpan.FromMilliseconds(1),
                $"checks {i - 1} and {i} only {time.GetElapsedTime(times[i - 1], times[i]).TotalMilliseconds} ms apart");
        }
    }

    [Fact]
    public async Task ControlledAgent_SendsOnItsFirstValidPair_BeforeThePairIsNominated()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        await using var h = new IcePairHarness(time, Agent(net.AddHost(AddressA), time, IceRole.Controlling), Agent(net.AddHost(AddressB), time, IceRole.Controlled));
        IceCandidatePair? firstValid = null;
        h.B.FirstValidPair += p => firstValid = p;
        await h.GatherAsync();

        Assert.True(await h.RunUntilAsync(() => firstValid is not null, TimeSpan.FromMilliseconds(30)));
        Assert.Null(h.B.SelectedPair);
        Assert.Same(firstValid, h.B.ActivePair);

        byte[] data = [0x80, .. Encoding.ASCII.GetBytes("before nomination")];
        Assert.True(await h.B.SendAsync(data, CancellationToken.None));
        var buffer = new byte[100];
        var receive = h.A.ReceiveAsync(buffer, CancellationToken.None).AsTask();
        await h.RunUntilAsync(() => receive.IsCompleted, TimeSpan.FromMilliseconds(20));
        Assert.Equal(data, buffer[..await receive.WaitAsync(TimeSpan.FromSeconds(10))]);
        Assert.Null(h.A.SelectedPair);
    }

    [Fact]
    public async Task DataFromAPeerThatProvedThePassword_IsAcceptedBeforeOurOwnCheck_AndFromAStrangerNever()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        var a = Agent(net.AddHost(AddressA), time, IceRole.Controlling);
        var b = Agent(net.AddHost(AddressB), time, IceRole.Controlled);
        await using var h = new IcePairHarness(time, a, b, trickle: false);

        // Only B knows A's credentials and candidates: A cannot check, it only answers B's checks.
        b.SetRemoteCredentials(a.LocalUfrag, a.LocalPassword);
        a.CandidateGathered += c =>
        {
            if (c is not null)
            {
                b.AddRemoteCandidate(c);
            }
        };
        await h.GatherAsync();
        Assert.True(await h.RunUntilAsync(() => b.ActivePair is not null, TimeSpan.FromMilliseconds(30)));
        Assert.Null(a.ActivePair);

        var stranger = await net.AddHost(IPAddress.Parse("192.0.2.40")).BindAsync(new IPEndPoint(IPAddress.Parse("192.0.2.40"), 0), CancellationToken.None);
        await using var _ = stranger;
        await stranger.SendToAsync(new byte[] { 0x80, 0x66 }, a.LocalCandidates[0].Address, CancellationToken.None);
        await h.RunUntilAsync(() => false, TimeSpan.FromMilliseconds(10));
        byte[] data = [0x80, .. Encoding.ASCII.GetBytes("from b")];
        Assert.True(await b.SendAsync(data, CancellationToken.None));

        var buffer = new byte[100];
        var receive = a.ReceiveAsync(buffer, CancellationToken.None).AsTask();
        await h.RunUntilAsync(() => receive.IsCompleted, TimeSpan.FromMilliseconds(20));
        Assert.Equal(data, buffer[..await receive.WaitAsync(TimeSpan.FromSeconds(10))]);
    }

    [Theory]
    [InlineData(10, null, 50)]
    [InlineData(10, 20, 20)]
    [InlineData(10, 5, 10)]
    [InlineData(80, null, 80)]
    public async Task ApplyRemotePacing_BothUseTheLargerProposal_APeerWithoutOneCountsAsTheDefault(int ours, int? theirs, int expected)
    {
        var time = new FakeTimeProvider();
        await using var agent = new IceAgent(new IceAgentOptions { Network = new VirtualNetwork(time).AddHost(AddressA), TimeProvider = time, Ta = TimeSpan.FromMilliseconds(ours) });
        Assert.Equal(TimeSpan.FromMilliseconds(ours), agent.Ta);

        agent.ApplyRemotePacing(theirs is int ms ? TimeSpan.FromMilliseconds(ms) : null);

        Assert.Equal(TimeSpan.FromMilliseconds(expected), agent.Ta);
    }

    [Fact]
    public async Task BeginGathering_ReturnsWithTheHostCandidates_WhileServerReflexiveGatheringGoesOn()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);

        // A STUN server nobody runs: the server-reflexive request is retransmitted until it gives up.
        await using var agent = Agent(net.AddHost(AddressA), time, IceRole.Controlling, [new IPEndPoint(IPAddress.Parse("198.51.100.1"), 3478)]);
        var announced = new List<IceCandidate?>();
        agent.CandidateGathered += announced.Add;

        var servers = await agent.BeginGatheringAsync(CancellationToken.None);

        Assert.False(servers.IsCompleted);
        Assert.Equal([IceCandidateType.Host], announced.Select(c => c!.Type));
        for (var i = 0; i < 120 && !servers.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        await servers.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(announced[^1]);
        Assert.Equal(2, announced.Count);
    }

    private static async Task<IPEndPoint> SilentSocketAsync(VirtualNetwork net, string address)
    {
        var ip = IPAddress.Parse(address);
        var socket = await net.AddHost(ip).BindAsync(new IPEndPoint(ip, 0), CancellationToken.None);
        return socket.LocalEndPoint;
    }
}
