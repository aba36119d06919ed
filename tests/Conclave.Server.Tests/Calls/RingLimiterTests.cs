using Conclave.Server.Calls;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Server.Tests.Calls;

public sealed class RingLimiterTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);

    private RingLimiter Limiter(int perMinute = 10, int perCallee = 3) =>
        new(new FixedOptions<CallOptions>(new CallOptions { RingsPerMinute = perMinute, RingsPerMinutePerCallee = perCallee }), _clock);

    [Fact]
    public void Caller_RingsAFullBucket_ThenOnePerInterval()
    {
        var limiter = Limiter();
        for (var i = 0; i < 10; i++)
        {
            Assert.True(limiter.TryRing("alice", $"callee{i}@x.test", out _));
        }

        Assert.False(limiter.TryRing("alice", "callee10@x.test", out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(6), retryAfter);

        _clock.Advance(TimeSpan.FromSeconds(6) - TimeSpan.FromTicks(1));
        Assert.False(limiter.TryRing("alice", "callee10@x.test", out retryAfter));
        Assert.Equal(TimeSpan.FromTicks(1), retryAfter);
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(limiter.TryRing("alice", "callee10@x.test", out _));
    }

    [Fact]
    public void SameCallee_IsLimitedAlone_OthersStillRing_AndRefusalsTakeNothing()
    {
        var limiter = Limiter();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.TryRing("alice", "bob@x.test", out _));
        }

        for (var i = 0; i < 50; i++)
        {
            Assert.False(limiter.TryRing("alice", "bob@x.test", out var retryAfter));
            Assert.Equal(TimeSpan.FromSeconds(20), retryAfter);
        }

        Assert.True(limiter.TryRing("alice", "carol@x.test", out _));
        Assert.True(limiter.TryRing("dave", "bob@x.test", out _));
        _clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(limiter.TryRing("alice", "bob@x.test", out _));
        Assert.False(limiter.TryRing("alice", "bob@x.test", out _));
    }

    [Fact]
    public void SteadyRateAtTheLimit_IsNeverRefused_OverAnHour()
    {
        var limiter = Limiter(perMinute: 7, perCallee: 7);
        for (var i = 0; i < 7 * 60; i++)
        {
            Assert.True(limiter.TryRing("alice", "bob@x.test", out _), $"ring {i}");
            _clock.Advance(TimeSpan.FromMinutes(1) / 7);
        }
    }
}
