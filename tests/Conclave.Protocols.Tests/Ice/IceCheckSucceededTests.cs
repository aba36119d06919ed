using System.Net;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Net;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Protocols.Tests.Ice;

/// <summary>The agent reports each successful connectivity check as an event (RFC 8445 §7.2.5.3, §7.3).</summary>
public class IceCheckSucceededTests
{
    private static IceAgent Agent(INetwork network, FakeTimeProvider time, IceRole role, bool lite = false) =>
        new(new IceAgentOptions { Network = network, TimeProvider = time, Role = role, Lite = lite });

    [Fact]
    public async Task LiteAgent_AnsweredChecks_AreReportedWithTheDevicesAddressAndTheNomination()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        var full = Agent(net.AddHost(IPAddress.Parse("192.0.2.10")), time, IceRole.Controlling);
        var lite = Agent(net.AddHost(IPAddress.Parse("192.0.2.20")), time, IceRole.Controlled, lite: true);
        var atLite = new List<IceCheckSucceeded>();
        var selectedAfterFirstCheck = new List<bool>();
        lite.CheckSucceeded += e =>
        {
            atLite.Add(e);
            selectedAfterFirstCheck.Add(lite.SelectedPair is not null);
        };
        await using var h = new IcePairHarness(time, full, lite);
        await h.GatherAsync();

        Assert.True(await h.RunUntilAsync(() => IcePairHarness.IsUp(h.A) && IcePairHarness.IsUp(h.B), TimeSpan.FromSeconds(10)));

        Assert.NotEmpty(atLite);
        Assert.All(atLite, e => Assert.True(e.Incoming));
        Assert.All(atLite, e => Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.10"), full.LocalCandidates[0].Address.Port), e.Pair.Remote.Address));
        Assert.Contains(atLite, e => e.Nominated);

        // Raised before the selection the check causes, so a caller can admit the address first.
        Assert.False(selectedAfterFirstCheck[0]);
    }

    [Fact]
    public async Task LiteAgent_ReportsACheck_BeforeItsAnswerLeaves_SoDataSentOnTheAnswerFindsTheAddressAdmitted()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        var liteAddress = IPAddress.Parse("192.0.2.20");
        var answersSent = 0;
        net.Filter = (from, _, _) =>
        {
            // A lite agent sends nothing but answers to checks (RFC 8445 §2.5).
            if (from.Address.Equals(liteAddress))
            {
                answersSent++;
            }

            return true;
        };
        var full = Agent(net.AddHost(IPAddress.Parse("192.0.2.10")), time, IceRole.Controlling);
        var lite = Agent(net.AddHost(liteAddress), time, IceRole.Controlled, lite: true);
        var answersSentWhenReported = new List<int>();
        var selectedWhenNominationReported = new List<bool>();
        lite.CheckSucceeded += e => answersSentWhenReported.Add(answersSent);
        lite.SelectedPairChanged += _ => selectedWhenNominationReported.Add(answersSent == answersSentWhenReported.Count - 1);
        await using var h = new IcePairHarness(time, full, lite);
        await h.GatherAsync();

        Assert.True(await h.RunUntilAsync(() => IcePairHarness.IsUp(h.A) && IcePairHarness.IsUp(h.B), TimeSpan.FromSeconds(10)));

        // Each check is reported (and a nomination selected) while its answer is still unsent: the n-th report
        // sees n − 1 answers gone.
        Assert.NotEmpty(answersSentWhenReported);
        Assert.Equal(Enumerable.Range(0, answersSentWhenReported.Count), answersSentWhenReported);
        Assert.All(selectedWhenNominationReported, Assert.True);
        Assert.NotEmpty(selectedWhenNominationReported);
    }

    [Fact]
    public async Task FullAgent_OwnSuccessfulChecks_AreReportedAsOutgoing()
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        var a = Agent(net.AddHost(IPAddress.Parse("192.0.2.10")), time, IceRole.Controlling);
        var b = Agent(net.AddHost(IPAddress.Parse("192.0.2.20")), time, IceRole.Controlled);
        var atA = new List<IceCheckSucceeded>();
        a.CheckSucceeded += atA.Add;
        await using var h = new IcePairHarness(time, a, b);
        await h.GatherAsync();

        Assert.True(await h.RunUntilAsync(() => IcePairHarness.IsUp(h.A) && IcePairHarness.IsUp(h.B), TimeSpan.FromSeconds(5)));

        Assert.Contains(atA, e => !e.Incoming && e.Pair.Remote.Address.Address.Equals(IPAddress.Parse("192.0.2.20")));
        Assert.Contains(atA, e => !e.Incoming && e.Nominated);
    }
}
