using Microsoft.Extensions.Options;

namespace Conclave.Server.Calls;

/// <summary>
/// Limits how often a user rings: <see cref="CallOptions.RingsPerMinute"/> calls a minute to anyone and
/// <see cref="CallOptions.RingsPerMinutePerCallee"/> to the same callee. Each limit is a token bucket of that
/// many rings, full at first and refilled evenly over a minute, kept as the generic cell rate algorithm
/// (ITU-T I.371 §4.4.2, virtual scheduling): one theoretical arrival time per key, in integer timestamps of
/// the calls clock, so the arithmetic is exact. A refused ring takes nothing from either bucket.
/// </summary>
public sealed class RingLimiter(IOptionsMonitor<CallOptions> options, [FromKeyedServices(CallService.ClockKey)] TimeProvider time)
{
    /// <summary>Keys whose bucket is full again are dropped once a table holds more than this.</summary>
    private const int PruneAbove = 4096;

    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _byCaller = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Caller, string Callee), long> _byPair = [];

    /// <summary>Takes one ring from <paramref name="callerId"/> to <paramref name="callee"/> (a normalised UPN or tel: URI), or says when one would be allowed.</summary>
    public bool TryRing(string callerId, string callee, out TimeSpan retryAfter)
    {
        var settings = options.CurrentValue;
        var now = time.GetTimestamp();
        var callerInterval = Interval(settings.RingsPerMinute);
        var pairInterval = Interval(settings.RingsPerMinutePerCallee);
        lock (_gate)
        {
            var callerWait = Wait(_byCaller.GetValueOrDefault(callerId, now), now, callerInterval, settings.RingsPerMinute);
            var pairWait = Wait(_byPair.GetValueOrDefault((callerId, callee), now), now, pairInterval, settings.RingsPerMinutePerCallee);
            if (callerWait > 0 || pairWait > 0)
            {
                retryAfter = time.GetElapsedTime(now, now + Math.Max(callerWait, pairWait));
                return false;
            }

            Prune(_byCaller, now);
            Prune(_byPair, now);
            _byCaller[callerId] = Math.Max(_byCaller.GetValueOrDefault(callerId, now), now) + callerInterval;
            _byPair[(callerId, callee)] = Math.Max(_byPair.GetValueOrDefault((callerId, callee), now), now) + pairInterval;
        }

        retryAfter = TimeSpan.Zero;
        return true;
    }

    /// <summary>Timestamp ticks between two rings at the steady rate: a minute shared by <paramref name="perMinute"/>.</summary>
    private long Interval(int perMinute) => (long)(Period.TotalSeconds * time.TimestampFrequency) / perMinute;

    /// <summary>
    /// Ticks until a ring conforms: the theoretical arrival time may run ahead of now by the burst tolerance,
    /// (capacity − 1) intervals; anything beyond is the wait.
    /// </summary>
    private static long Wait(long arrival, long now, long interval, int capacity) =>
        Math.Max(0, Math.Max(arrival, now) - now - ((capacity - 1) * interval));

    /// <summary>An arrival time already past is a full bucket, the same as no entry.</summary>
    private static void Prune<TKey>(Dictionary<TKey, long> table, long now)
        where TKey : notnull
    {
        if (table.Count <= PruneAbove)
        {
            return;
        }

        foreach (var (key, arrival) in table.ToList())
        {
            if (arrival <= now)
            {
                table.Remove(key);
            }
        }
    }
}
