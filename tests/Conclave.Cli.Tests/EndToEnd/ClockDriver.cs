using Microsoft.Extensions.Time.Testing;

namespace Conclave.Cli.Tests.EndToEnd;

/// <summary>A fake clock that lets each delay the command starts pass as soon as it starts: no test waits in real time.</summary>
internal sealed class ClockDriver : FakeTimeProvider
{
    private readonly SemaphoreSlim _timerCreated = new(0);
    private TimeSpan _lastDelay;

    public ClockDriver()
        : base(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _lastDelay = dueTime;
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timerCreated.Release();
        return timer;
    }

    /// <summary>Advances through every delay until <paramref name="work"/> ends (at most <paramref name="maxDelays"/>).</summary>
    public async Task DriveAsync(Task work, int maxDelays)
    {
        for (var i = 0; i < maxDelays; i++)
        {
            var next = _timerCreated.WaitAsync(TimeSpan.FromSeconds(30));
            if (await Task.WhenAny(next, work) == work)
                return;
            if (!await next)
                throw new TimeoutException("The command neither finished nor started a delay.");
            Advance(_lastDelay);
        }
    }
}
