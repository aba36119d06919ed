using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Conclave.Server.Identity;

/// <summary>
/// The meter and activity source <c>Conclave.Identity</c>: sign-ins by outcome and code, tokens issued by
/// grant type, and an <c>identity.sign_in</c> activity around each credential check.
/// </summary>
public sealed class SignInTelemetry : IDisposable
{
    /// <summary>Name of the meter and of the activity source.</summary>
    public const string Name = "Conclave.Identity";

    public const string SignInActivity = "identity.sign_in";

    private readonly Meter _meter;
    private readonly ActivitySource _source = new(Name);
    private readonly Counter<long> _signIns;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _tokenRefusals;

    public SignInTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _signIns = _meter.CreateCounter<long>("conclave.identity.sign_ins", "{sign_in}", "Sign-ins, by outcome (succeeded or refused), refusal code and path.");
        _tokens = _meter.CreateCounter<long>("conclave.identity.tokens.issued", "{response}", "Token responses issued, by grant type.");
        _tokenRefusals = _meter.CreateCounter<long>("conclave.identity.tokens.refused", "{response}", "Token requests refused, by grant type and OAuth error.");
    }

    /// <summary>Starts the activity of one credential check (null when nothing listens).</summary>
    internal Activity? StartSignIn(string via) =>
        _source.StartActivity(SignInActivity)?.SetTag("conclave.sign_in.via", via);

    internal void SignedIn(Activity? activity, string via, string userId)
    {
        _signIns.Add(1, new("outcome", "succeeded"), new("via", via));
        activity?.SetTag("conclave.user.id", userId).SetTag("conclave.sign_in.outcome", "succeeded");
    }

    internal void Refused(Activity? activity, string via, string code)
    {
        _signIns.Add(1, new("outcome", "refused"), new("code", code), new("via", via));
        activity?.SetTag("conclave.sign_in.outcome", "refused").SetTag("conclave.sign_in.code", code);
    }

    internal void TokensIssued(string grantType) => _tokens.Add(1, new KeyValuePair<string, object?>("grant_type", grantType));

    internal void TokenRefused(string grantType, string error) =>
        _tokenRefusals.Add(1, new("grant_type", grantType), new("error", error));

    public void Dispose()
    {
        _source.Dispose();
        _meter.Dispose();
    }
}
