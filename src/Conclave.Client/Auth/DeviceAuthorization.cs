namespace Conclave.Client.Auth;

/// <summary>A device authorization response (RFC 8628 §3.2).</summary>
public sealed record DeviceAuthorization(
    string DeviceCode,
    string UserCode,
    Uri VerificationUri,
    Uri? VerificationUriComplete,
    DateTimeOffset ExpiresAt,
    TimeSpan Interval)
{
    /// <summary>RFC 8628 §3.2: "If no value is provided, clients MUST use 5 as the default."</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    /// <summary>RFC 8628 §3.5: on <c>slow_down</c> the interval "MUST be increased by 5 seconds".</summary>
    public static readonly TimeSpan SlowDownIncrement = TimeSpan.FromSeconds(5);
}
