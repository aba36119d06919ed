using System.Net;

namespace Conclave.Server.Relay;

/// <summary>
/// Limits unauthenticated requests per source IP address so that challenge floods cost little.
/// The table is bounded: when it is full it is cleared, which only ever forgives, never blocks wrongly.
/// </summary>
internal sealed class SourceRateLimiter
{
    private const int MaxTracked = 65_536;
    private readonly Dictionary<IPAddress, TokenBucket> _buckets = [];
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _rate;
    private readonly double _burst;

    public SourceRateLimiter(TimeProvider time, int perSecond, int burst)
    {
        _time = time;
        _rate = perSecond;
        _burst = Math.Max(1, burst);
    }

    public bool TryAcquire(IPAddress source)
    {
        if (_rate <= 0)
        {
            return true;
        }

        var now = _time.GetTimestamp();
        lock (_lock)
        {
            if (!_buckets.TryGetValue(source, out var bucket))
            {
                if (_buckets.Count >= MaxTracked)
                {
                    _buckets.Clear();
                }

                bucket = new TokenBucket(_rate, _burst, now, _time.TimestampFrequency);
            }

            var allowed = bucket.TryTake(1, now);
            _buckets[source] = bucket;
            return allowed;
        }
    }
}
