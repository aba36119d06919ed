using OtpNet;

namespace Conclave.Testing;

/// <summary>
/// An authenticator as a person uses it: the server accepts each code once (RFC 6238 §5.2), so every
/// call gives the code of a later time step than the last one given for that secret — the current
/// step, else the next (inside the server's one-step window). Only when both are used does it wait
/// for the clock to reach the next step, as a person would.
/// </summary>
public static class TotpCodes
{
    private static readonly Dictionary<string, long> LastStep = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static string Next(string secret)
    {
        lock (Gate)
        {
            var now = StepNow();
            var step = Math.Max(now, LastStep.GetValueOrDefault(secret, long.MinValue) + 1);
            if (step > now + 1)
            {
                var due = DateTimeOffset.FromUnixTimeSeconds((step - 1) * 30);
                var wait = due - TimeProvider.System.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    Thread.Sleep(wait + TimeSpan.FromMilliseconds(20));
                }
            }

            LastStep[secret] = step;
            return new OtpNet.Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
        }
    }

    /// <summary>A well-formed code that is none of the codes the server's window accepts around now.</summary>
    public static string Wrong(string secret)
    {
        var totp = new OtpNet.Totp(Base32Encoding.ToBytes(secret));
        var now = StepNow();
        var near = Enumerable.Range(-2, 5).Select(d => totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds((now + d) * 30).UtcDateTime)).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(code => !near.Contains(code));
    }

    private static long StepNow() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30;
}
