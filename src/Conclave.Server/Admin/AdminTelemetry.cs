using System.Diagnostics;
using System.Diagnostics.Metrics;
using Conclave.Server.Audit;

namespace Conclave.Server.Admin;

/// <summary>
/// The meter and activity source <c>Conclave.Admin</c>: every committed administrative change (an audit
/// record whose action starts with <c>admin.</c>, refusals included) is counted by action and outcome, and logged.
/// </summary>
public sealed class AdminTelemetry : IAuditObserver, IDisposable
{
    /// <summary>Name of the meter and of the activity source.</summary>
    public const string Name = "Conclave.Admin";

    private const string ActionPrefix = "admin.";

    private readonly Meter _meter;
    private readonly Counter<long> _changes;
    private readonly ILogger _logger;

    public AdminTelemetry(ILogger<AdminTelemetry> logger, IMeterFactory? meterFactory = null)
    {
        _logger = logger;
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _changes = _meter.CreateCounter<long>("conclave.admin.changes", "{change}", "Administrative changes and refusals, by audit action and outcome.");
    }

    /// <summary>The activity source of administrative requests (for a feature that traces a long admin operation).</summary>
    public ActivitySource Source { get; } = new(Name);

    public void Recorded(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!entry.Action.StartsWith(ActionPrefix, StringComparison.Ordinal))
        {
            return;
        }

        _changes.Add(1, new("action", entry.Action), new("outcome", entry.Outcome.ToString()));
        AdminLog.Changed(_logger, entry.Action, entry.Outcome, entry.ActorId);
    }

    public void Dispose()
    {
        Source.Dispose();
        _meter.Dispose();
    }
}
