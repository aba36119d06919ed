using System.Collections.Concurrent;
using System.Diagnostics;

namespace Conclave.Benchmarks.Chat;

/// <summary>
/// Which messages are on their way and to how many devices: each expected message counts down as the members' devices
/// receive it, and its latency (from when it was due to the last device) is kept when the count reaches zero.
/// </summary>
internal sealed class DeliveryTracker(int devicesPerMessage)
{
    private readonly ConcurrentDictionary<Guid, Pending> _pending = new();
    private readonly ConcurrentQueue<double> _latencies = new();

    public void Expect(Guid clientMessageId, long dueTimestamp) => _pending[clientMessageId] = new Pending(dueTimestamp, devicesPerMessage);

    private int _failed;

    /// <summary>The send of <paramref name="clientMessageId"/> failed: it is counted, and no longer waited for.</summary>
    public void Failed(Guid clientMessageId)
    {
        _pending.TryRemove(clientMessageId, out _);
        Interlocked.Increment(ref _failed);
    }

    /// <summary>The sends that failed since the last call.</summary>
    public int TakeFailed() => Interlocked.Exchange(ref _failed, 0);

    public void Delivered(Guid clientMessageId)
    {
        if (_pending.TryGetValue(clientMessageId, out var pending) && Interlocked.Decrement(ref pending.Remaining) == 0)
        {
            _latencies.Enqueue(Stopwatch.GetElapsedTime(pending.Due).TotalMilliseconds);
            _pending.TryRemove(clientMessageId, out _);
        }
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until nothing is on its way; answers how many messages were still missing a device, and forgets them.</summary>
    public async Task<int> DrainAsync(TimeSpan limit)
    {
        var until = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (!_pending.IsEmpty && Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(50);
        }

        var lost = _pending.Count;
        _pending.Clear();
        return lost;
    }

    /// <summary>The latencies (ms) recorded since the last call.</summary>
    public List<double> TakeLatencies()
    {
        var taken = new List<double>(_latencies.Count);
        while (_latencies.TryDequeue(out var latency))
        {
            taken.Add(latency);
        }

        return taken;
    }

    private sealed class Pending(long due, int remaining)
    {
        public long Due { get; } = due;

        public int Remaining = remaining;
    }
}
