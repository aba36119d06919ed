namespace Conclave.Server.Relay;

/// <summary>
/// A token bucket over <see cref="TimeProvider"/> timestamps: <c>rate</c> tokens per second, at most
/// <c>burst</c> stored. Not thread-safe; each user keeps one per direction or guards it.
/// </summary>
internal struct TokenBucket
{
    private readonly double _ratePerTick;
    private readonly double _burst;
    private double _tokens;
    private long _last;

    public TokenBucket(double ratePerSecond, double burst, long now, long timestampFrequency)
    {
        _ratePerTick = ratePerSecond / timestampFrequency;
        _burst = burst;
        _tokens = burst;
        _last = now;
    }

    /// <summary>Takes <paramref name="amount"/> tokens if there are enough.</summary>
    public bool TryTake(double amount, long now)
    {
        if (now > _last)
        {
            _tokens = Math.Min(_burst, _tokens + (now - _last) * _ratePerTick);
            _last = now;
        }

        if (_tokens < amount)
        {
            return false;
        }

        _tokens -= amount;
        return true;
    }
}
