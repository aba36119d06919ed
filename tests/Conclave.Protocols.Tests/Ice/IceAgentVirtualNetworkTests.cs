using System.Net;
using System.Text;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Net;
using Conclave.Protocols.Stun;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Protocols.Tests.Ice;

public class IceAgentVirtualNetworkTests
{
    private static readonly IPAddress StunAddress = IPAddress.Parse("198.51.100.1");

    private static IceAgent Agent(INetwork network, FakeTimeProvider time, IceRole role, IReadOnlyList<IPEndPoint>? stun = null, bool lite = false, ulong? tieBreaker = null) =>
        new(new IceAgentOptions
        {
            Network = network,
            TimeProvider = time,
            Role = role,
            Lite = lite,
            StunServers = stun ?? [],
            TieBreaker = tieBreaker,
        });

    private static async Task<(byte[] AtA, byte[] AtB)> ExchangeAsync(IcePairHarness h)
    {
        // 0x80 first: an RTP-like datagram (RFC 7983), not STUN.
        byte[] toB = [0x80, .. Encoding.ASCII.GetBytes("hello from A")];
        byte[] toA = [0x80, .. Encoding.ASCII.GetBytes("hello from B")];
        Assert.True(await h.A.SendAsync(toB, CancellationToken.None));
        Assert.True(await h.B.SendAsync(toA, CancellationToken.None));
        var bufA = new byte[100];
        var bufB = new byte[100];
        var receiveA = h.A.ReceiveAsync(bufA, CancellationToken.None).AsTask();
        var receiveB = h.B.ReceiveAsync(bufB, CancellationToken.None).AsTask();
        // Delivery happens inside Advance; the channel readers then complete on the thread pool.
        await h.RunUntilAsync(() => false, TimeSpan.FromMilliseconds(100));
        var lengthA = await receiveA.WaitAsync(TimeSpan.FromSeconds(10));
        var lengthB = await receiveB.WaitAsync(TimeSpan.FromSeconds(10));
        return (bufA[1..lengthA], bufB[1..lengthB]);
    }

    [Fact]
    public async Task HostCandidates_OnOneNetwork_ConnectAndCarryDataBothWays()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        await using var h = new IcePairHarness(time,
            Agent(net.AddHost(IPAddress.Parse("192.0.2.10")), time, IceRole.Controlling),
            Agent(net.AddHost(IPAddress.Parse("192.0.2.20")), time, IceRole.Controlled));
        await h.GatherAsync();

        Assert.True(await h.RunUntilAsync(() => h.A.State == IceConnectionState.Completed && IcePairHarness.IsUp(h.B), TimeSpan.FromSeconds(5)));
        Assert.Equal(IPAddress.Parse("192.0.2.20"), h.A.SelectedPair!.Remote.Address.Address);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), h.B.SelectedPair!.Remote.Address.Address);
        Assert.True(h.A.SelectedPair.Nominated);

        var (atA, atB) = await ExchangeAsync(h);
        Assert.Equal("hello from B", Encoding.ASCII.GetString(atA));
        Assert.Equal("hello from A", Encoding.ASCII.GetString(atB));
    }

    [Theory]
    [InlineData(NatType.FullCone, NatType.FullCone, true)]
    [InlineData(NatType.AddressRestricted, NatType.PortRestricted, true)]
    [InlineData(NatType.PortRestricted, NatType.PortRestricted, true)]
    [InlineData(NatType.Symmetric, NatType.FullCone, true)]
    [InlineData(NatType.Symmetric, NatType.AddressRestricted, true)]
    [InlineData(NatType.Symmetric, NatType.PortRestricted, false)]
    [InlineData(NatType.Symmetric, NatType.Symmetric, false)]
    public async Task BehindNats_WithStunServer_ConnectExactlyWhenTheNatsAllowIt(NatType natA, NatType natB, bool expectConnected)
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        await using var stun = await StunTestServer.StartAsync(net.AddHost(StunAddress), StunAddress);
        var a = Agent(net.AddHost(IPAddress.Parse("10.0.0.2"), net.AddNat(IPAddress.Parse("203.0.113.1"), natA)), time, IceRole.Controlling, [stun.EndPoint]);
        var b = Agent(net.AddHost(IPAddress.Parse("10.1.0.2"), net.AddNat(IPAddress.Parse("203.0.113.2"), natB)), time, IceRole.Controlled, [stun.EndPoint]);
        await using var h = new IcePairHarness(time, a, b);
        await h.GatherAsync();

        Assert.Contains(a.LocalCandidates, c => c.Type == IceCandidateType.ServerReflexive && c.Address.Address.Equals(IPAddress.Parse("203.0.113.1")));
        Assert.Contains(b.LocalCandidates, c => c.Type == IceCandidateType.ServerReflexive && c.Address.Address.Equals(IPAddress.Parse("203.0.113.2")));
        // Waits for the states asserted below, not merely "up": under load one agent can still be Connected
        // (nomination in flight) in the step where the other is already up.
        await h.RunUntilAsync(() => (a.State == IceConnectionState.Completed && b.State == IceConnectionState.Completed) || a.State == IceConnectionState.Failed,
            TimeSpan.FromSeconds(60));

        if (expectConnected)
        {
            Assert.Equal(IceConnectionState.Completed, a.State);
            if (natA == NatType.Symmetric && natB != NatType.Symmetric)
            {
                // The symmetric NAT gave the checks a mapping that STUN never saw: a local peer-reflexive candidate.
                Assert.Contains(a.LocalCandidates, c => c.Type == IceCandidateType.PeerReflexive);
            }

            Assert.Equal(IceConnectionState.Completed, b.State);
            var (atA, atB) = await ExchangeAsync(h);
            Assert.Equal("hello from B", Encoding.ASCII.GetString(atA));
            Assert.Equal("hello from A", Encoding.ASCII.GetString(atB));
        }
        else
        {
            Assert.Equal(IceConnectionState.Failed, a.State);
            Assert.Null(a.SelectedPair);
        }
    }

    [Fact]
    public async Task LossyReorderingNetwork_StillConnectsAndDelivers()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time, seed: 7) { LossRate = 0.3, Latency = TimeSpan.FromMilliseconds(20), Jitter = TimeSpan.FromMilliseconds(80) };
        await using var h = new IcePairHarness(time,
            Agent(net.AddHost(IPAddress.Parse("192.0.2.10")), time, IceRole.Controlling),
            Agent(net.AddHost(IPAddress.Parse("192.0.2.20")), time, IceRole.Controlled));
        await h.GatherAsync();

        Assert.True(await h.RunUntilAsync(() => IcePairHarness.IsUp(h.A) && IcePairHarness.IsUp(h.B), TimeSpan.FromSeconds(30)));
        Assert.True(net.Dropped > 0);

        // With loss, send a burst and expect most of it, in any order.
        net.LossRate = 0.1;
        var received = new List<byte>();
        h.B.DatagramReceived = d => received.Add(d[1]);
        for (var i = 0; i < 50; i++)
        {
            await h.A.SendAsync(new byte[] { 0x80, (byte)i }, CancellationToken.None);
            time.Advance(TimeSpan.FromMilliseconds(5));
        }

        await h.RunUntilAsync(() => false, TimeSpan.FromMilliseconds(200));
        Assert.InRange(received.Count, 35, 50);
        Assert.Equal(received.Count, received.Distinct().Count());
        Assert.NotEqual(received.Order().ToList(), received); // jitter reordered them
    }

    [Theory]
    [InlineData(IceRole.Controlling)]
    [InlineData(IceRole.Controlled)]
    public async Task BothAgentsInTheSameRole_RoleConflictIsRepaired(IceRole role)
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        await using var h = new IcePairHarness(time,
            Agent(net.AddHost(IPAddress.Parse("192.0.2.10")), time, role, tieBreaker: 1000),
            Agent(net.AddHost(IPAddress.Parse("192.0.2.20")), time, role, tieBreaker: 2000));
        await h.GatherAsync();

        Assert.True(await h.RunUntilAsync(() => IcePairHarness.IsUp(h.A) && IcePairHarness.IsUp(h.B), TimeSpan.FromSeconds(10)));
        Assert.NotEqual(h.A.Role, h.B.Role);

        // RFC 8445 §7.3.1.1: the larger tie-breaker ends up controlling.
        Assert.Equal(IceRole.Controlling, h.B.Role);
    }

    [Fact]
    public async Task FullAgentAndLitePeer_Connect_WithLiteControlled()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        await using var h = new IcePairHarness(time,
            Agent(net.AddHost(IPAddress.Parse("192.0.2.10")), time, IceRole.Controlled),
            Agent(net.AddHost(IPAddress.Parse("192.0.2.20")), time, IceRole.Controlling, lite: true));
        Assert.Equal(IceRole.Controlled, h.B.Role);
        await h.GatherAsync();

        Assert.True(await h.RunUntilAsync(() => IcePairHarness.IsUp(h.A) && IcePairHarness.IsUp(h.B), TimeSpan.FromSeconds(10)));

        // RFC 8445 §6.1.1: a full agent facing a lite one is controlling, whatever it was told.
        Assert.Equal(IceRole.Controlling, h.A.Role);
        var (atA, atB) = await ExchangeAsync(h);
        Assert.Equal("hello from B", Encoding.ASCII.GetString(atA));
        Assert.Equal("hello from A", Encoding.ASCII.GetString(atB));

        // The lite side stays up as long as the full agent's consent checks keep coming.
        await h.RunUntilAsync(() => false, TimeSpan.FromSeconds(40));
        Assert.True(IcePairHarness.IsUp(h.B));
    }

    [Fact]
    public async Task Trickle_CandidatesArriveLate_ChecksFromUnknownAddressMakePeerReflexiveAndConnect()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        var a = Agent(net.AddHost(IPAddress.Parse("192.0.2.10")), time, IceRole.Controlling);
        var b = Agent(net.AddHost(IPAddress.Parse("192.0.2.20")), time, IceRole.Controlled);
        await using var h = new IcePairHarness(time, a, b, trickle: false);

        // Only A learns B's candidates (late); B learns nothing but credentials and must find A as peer-reflexive.
        b.SetRemoteCredentials(a.LocalUfrag, a.LocalPassword);
        a.SetRemoteCredentials(b.LocalUfrag, b.LocalPassword);
        var gathered = new List<IceCandidate>();
        b.CandidateGathered += c =>
        {
            if (c is not null)
            {
                gathered.Add(c);
            }
        };
        await h.GatherAsync();
        await h.RunUntilAsync(() => false, TimeSpan.FromSeconds(1));
        Assert.Equal(IceConnectionState.New, a.State);

        foreach (var c in gathered)
        {
            a.AddRemoteCandidate(c);
        }

        Assert.True(await h.RunUntilAsync(() => IcePairHarness.IsUp(a) && IcePairHarness.IsUp(b), TimeSpan.FromSeconds(10)));
        Assert.Equal(IceCandidateType.PeerReflexive, b.SelectedPair!.Remote.Type);
    }

    [Fact]
    public async Task Trickle_AllPairsFail_FailsOnlyAfterEndOfCandidates()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        var a = Agent(net.AddHost(IPAddress.Parse("192.0.2.10")), time, IceRole.Controlling);
        await using var _ = a;
        a.SetRemoteCredentials("peer", "peerpasswordpeerpassword");
        await a.GatherAsync(CancellationToken.None);
        var harness = new IcePairHarness(time, a, a, trickle: false);

        // A candidate nobody answers.
        a.AddRemoteCandidate(new IceCandidate("1", 1, "udp", 2130706431, new IPEndPoint(IPAddress.Parse("192.0.2.99"), 9), IceCandidateType.Host));
        await harness.RunUntilAsync(() => false, TimeSpan.FromSeconds(60));
        Assert.Equal(IceConnectionState.Checking, a.State);

        a.AddRemoteEndOfCandidates();
        Assert.True(await harness.RunUntilAsync(() => a.State == IceConnectionState.Failed, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task ConsentLost_GoesDisconnectedThenFailed_AndSendingStops()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        await using var h = new IcePairHarness(time,
            Agent(net.AddHost(IPAddress.Parse("192.0.2.10")), time, IceRole.Controlling),
            Agent(net.AddHost(IPAddress.Parse("192.0.2.20")), time, IceRole.Controlled));
        await h.GatherAsync();
        Assert.True(await h.RunUntilAsync(() => IcePairHarness.IsUp(h.A) && IcePairHarness.IsUp(h.B), TimeSpan.FromSeconds(5)));

        // Consent checks keep the pair up for a minute.
        await h.RunUntilAsync(() => false, TimeSpan.FromSeconds(60));
        Assert.Equal(IceConnectionState.Completed, h.A.State);

        var states = new List<IceConnectionState>();
        h.A.StateChanged += states.Add;
        net.Filter = (_, _, _) => false; // the path dies
        Assert.True(await h.RunUntilAsync(() => h.A.State == IceConnectionState.Failed, TimeSpan.FromSeconds(40)));
        Assert.Equal([IceConnectionState.Disconnected, IceConnectionState.Failed], states);
        Assert.False(await h.A.SendAsync(new byte[] { 0x80 }, CancellationToken.None));
    }

    [Fact]
    public async Task ConsentInterrupted_ComesBackFromDisconnected()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        await using var h = new IcePairHarness(time,
            Agent(net.AddHost(IPAddress.Parse("192.0.2.10")), time, IceRole.Controlling),
            Agent(net.AddHost(IPAddress.Parse("192.0.2.20")), time, IceRole.Controlled));
        await h.GatherAsync();
        Assert.True(await h.RunUntilAsync(() => IcePairHarness.IsUp(h.A), TimeSpan.FromSeconds(5)));

        net.Filter = (_, _, _) => false;
        Assert.True(await h.RunUntilAsync(() => h.A.State == IceConnectionState.Disconnected, TimeSpan.FromSeconds(20)));
        net.Filter = null;
        Assert.True(await h.RunUntilAsync(() => IcePairHarness.IsUp(h.A), TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task LitePeer_WhenTheFullAgentFallsSilent_GoesDisconnectedThenFailed()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        await using var h = new IcePairHarness(time,
            Agent(net.AddHost(IPAddress.Parse("192.0.2.10")), time, IceRole.Controlling),
            Agent(net.AddHost(IPAddress.Parse("192.0.2.20")), time, IceRole.Controlled, lite: true));
        await h.GatherAsync();
        Assert.True(await h.RunUntilAsync(() => IcePairHarness.IsUp(h.B), TimeSpan.FromSeconds(5)));

        var states = new List<IceConnectionState>();
        h.B.StateChanged += states.Add;
        net.Filter = (_, _, _) => false;
        Assert.True(await h.RunUntilAsync(() => h.B.State == IceConnectionState.Failed, TimeSpan.FromSeconds(40)));
        Assert.Equal([IceConnectionState.Disconnected, IceConnectionState.Failed], states);
    }

    [Fact]
    public async Task UnauthenticatedCheck_IsAnsweredWith401_AndCreatesNoPair()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        var agent = Agent(net.AddHost(IPAddress.Parse("192.0.2.10")), time, IceRole.Controlled);
        await using var disposeAgent = agent;
        agent.SetRemoteCredentials("peer", "peerpasswordpeerpassword");
        await agent.GatherAsync(CancellationToken.None);
        var attacker = await net.AddHost(IPAddress.Parse("192.0.2.66")).BindAsync(new IPEndPoint(IPAddress.Any, 0), CancellationToken.None);

        var forged = new StunMessageBuilder(StunMethod.Binding, StunClass.Request)
            .AddString(StunAttributeType.Username, agent.LocalUfrag + ":peer")
            .AddUInt32(StunAttributeType.Priority, 1)
            .AddFlag(StunAttributeType.UseCandidate)
            .AddMessageIntegrity("not the password"u8)
            .AddFingerprint()
            .ToArray();
        await attacker.SendToAsync(forged, agent.LocalCandidates[0].Address, CancellationToken.None);
        var buffer = new byte[512];
        var reply = attacker.ReceiveFromAsync(buffer, CancellationToken.None).AsTask();
        for (var i = 0; i < 10 && !reply.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(5));
        }

        var received = await reply.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(StunMessage.TryParse(buffer.AsSpan(0, received.Length), out var response, out _));
        Assert.True(response.TryGetErrorCode(out var code, out _));
        Assert.Equal(401, code);
        Assert.Empty(agent.Pairs);
        Assert.Null(agent.SelectedPair);
    }
}
