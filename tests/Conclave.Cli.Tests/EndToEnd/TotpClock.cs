using OtpNet;

namespace Conclave.Cli.Tests.EndToEnd;

/// <summary>
/// The end-to-end server's clock: real time plus an offset that moves one TOTP step forward whenever
/// a test needs a code the server has not accepted yet. The server accepts each code once
/// (RFC 6238 §5.2), and an authenticator shows one new code per 30 s; this lets tests sign the same
/// person in many times without waiting for real steps.
/// </summary>
internal sealed class TotpClock : TimeProvider
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, long> _lastStep = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private TimeSpan _offset;

    public static TotpClock Shared { get; } = new();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return System.GetUtcNow() + _offset;
        }
    }

    /// <summary>A code of a time step later than any given before for <paramref name="secret"/>, current on this clock.</summary>
    public string NextCode(string secret)
    {
        lock (_gate)
        {
            var step = StepOf(System.GetUtcNow() + _offset);
            if (_lastStep.TryGetValue(secret, out var last) && step <= last)
            {
                _offset += Step * (last + 1 - step);
                step = last + 1;
            }

            _lastStep[secret] = step;
            return new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
        }
    }

    private static long StepOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / 30;
}
