using Conclave.Contracts.Calls;
using Conclave.Server.Calls;

namespace Conclave.Server.Tests.Calls;

public sealed class MissedCallLogTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    [Fact]
    public void OneCallerRingingOften_HoldsOneEntryWithTheCount_AndPushesOutNoOne()
    {
        var log = new MissedCallLog();
        log.Add("bob", new MissedCallInfo(Guid.NewGuid(), "carol@x.test", At, "NoAnswer"));
        Guid last = default;
        for (var i = 0; i < 1000; i++)
        {
            last = Guid.NewGuid();
            log.Add("bob", new MissedCallInfo(last, "alice@x.test", At.AddSeconds(i), "Offline"));
        }

        var missed = log.Of("bob");

        Assert.Equal(2, missed.Count);
        Assert.Equal(("carol@x.test", 1), (missed[0].CallerUpn, missed[0].Count));
        Assert.Equal(("alice@x.test", 1000, last), (missed[1].CallerUpn, missed[1].Count, missed[1].CallId));
    }

    [Fact]
    public void ACallerMissedAgain_MovesToTheEnd()
    {
        var log = new MissedCallLog();
        log.Add("bob", new MissedCallInfo(Guid.NewGuid(), "alice@x.test", At, "NoAnswer"));
        log.Add("bob", new MissedCallInfo(Guid.NewGuid(), "carol@x.test", At, "NoAnswer"));
        log.Add("bob", new MissedCallInfo(Guid.NewGuid(), "alice@x.test", At, "Cancelled"));

        Assert.Equal(["carol@x.test", "alice@x.test"], log.Of("bob").Select(m => m.CallerUpn));
        Assert.Equal("Cancelled", log.Of("bob")[1].Reason);
    }

    [Fact]
    public void ManyCallers_KeepTheNewestHundred()
    {
        var log = new MissedCallLog();
        for (var i = 0; i < 150; i++)
        {
            log.Add("bob", new MissedCallInfo(Guid.NewGuid(), $"caller{i}@x.test", At, "NoAnswer"));
        }

        var missed = log.Of("bob");
        Assert.Equal(MissedCallLog.Capacity, missed.Count);
        Assert.Equal("caller50@x.test", missed[0].CallerUpn);
    }
}
