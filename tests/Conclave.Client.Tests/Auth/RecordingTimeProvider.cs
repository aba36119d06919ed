using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Client.Tests.Auth;

/// <summary>A fake clock that also tells which delays the code under test waited for, as they are requested.</summary>
internal sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly SemaphoreSlim _timerCreated = new(0);

    public RecordingTimeProvider()
        : base(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000))
    {
    }

    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Delays.Enqueue(dueTime);
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timerCreated.Release();
        return timer;
    }

    /// <summary>Waits until the code under test starts a delay, then lets exactly that delay pass.</summary>
    public async Task<bool> AdvanceNextDelayAsync(Task stopWhenDone)
    {
        var waiting = _timerCreated.WaitAsync(TimeSpan.FromSeconds(10));
        if (await Task.WhenAny(waiting, stopWhenDone) == stopWhenDone)
            return false;
        if (!await waiting)
            throw new TimeoutException("The code under test never started a delay.");
        Advance(Delays.Last());
        return true;
    }
}
