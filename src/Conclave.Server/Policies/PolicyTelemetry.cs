using System.Diagnostics;
using System.Diagnostics.Metrics;
using Conclave.Server.Audit;

namespace Conclave.Server.Policies;

/// <summary>
/// The meter and activity source <c>Conclave.Policies</c>: policy changes saved (by audit action) and
/// refused (by code), and a <c>policy.change</c> activity around each.
/// </summary>
public sealed class PolicyTelemetry : IDisposable
{
    /// <summary>Name of the meter and of the activity source.</summary>
    public const string Name = "Conclave.Policies";

    public const string ChangeActivity = "policy.change";

    private readonly Meter _meter;
    private readonly ActivitySource _source = new(Name);
    private readonly Counter<long> _changes;
    private readonly Counter<long> _refused;
    private readonly ILogger _logger;

    public PolicyTelemetry(ILogger<PolicyTelemetry> logger, IMeterFactory? meterFactory = null)
    {
        _logger = logger;
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _changes = _meter.CreateCounter<long>("conclave.policies.changes", "{change}", "Policy changes saved, by audit action.");
        _refused = _meter.CreateCounter<long>("conclave.policies.refused", "{change}", "Policy changes refused, by code.");
    }

    internal Activity? StartChange() => _source.StartActivity(ChangeActivity);

    internal void Changed(Activity? activity, AuditEntry entry, int usersAffected, bool everyone)
    {
        _changes.Add(1, new KeyValuePair<string, object?>("action", entry.Action));
        activity?.SetTag("conclave.policy.action", entry.Action).SetTag("conclave.policy.outcome", "saved");
        PolicyLog.Changed(_logger, entry.Action, entry.ActorId, usersAffected, everyone);
    }

    internal void Refused(Activity? activity, string code)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("code", code));
        activity?.SetTag("conclave.policy.outcome", "refused").SetTag("conclave.policy.code", code);
        PolicyLog.Refused(_logger, code);
    }

    public void Dispose()
    {
        _source.Dispose();
        _meter.Dispose();
    }
}
