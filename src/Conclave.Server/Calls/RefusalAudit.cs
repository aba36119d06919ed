using System.Text.Json.Nodes;
using Conclave.Server.Audit;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Calls;

/// <summary>
/// Writes refusals of calls (outcome Denied) to the audit log at a bounded rate, per actor and action. The
/// first refusal opens a window (<see cref="CallOptions.RefusalAuditWindow"/>) and is written at once; the
/// rest are counted; when the window closes, one record holds their count, codes and target, and the next
/// window starts. A window that closes with nothing counted ends without a record. A flood thus costs an
/// actor two records per window and action, and the trail still says who, what and how often.
/// </summary>
/// <remarks>
/// Windows run on the calls clock (<see cref="CallService.ClockKey"/>). On shutdown the open windows are
/// written out (<see cref="StopAsync"/>), so no count is lost with the process.
/// </remarks>
public sealed class RefusalAudit(IAuditLog log, IOptionsMonitor<CallOptions> options, [FromKeyedServices(CallService.ClockKey)] TimeProvider time)
    : IHostedService
{
    /// <summary>Distinct targets remembered per window; beyond it the record says only that there were more.</summary>
    private const int MaxTargets = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Actor, string Action, string Scope), Window> _windows = [];

    /// <summary>
    /// Audits <paramref name="entry"/> (a refusal with stable <paramref name="code"/>) now, or counts it into
    /// its actor's open window for that action and <paramref name="scope"/> (e.g. the endpoint refused, so
    /// that probing a new endpoint is recorded at once).
    /// </summary>
    public Task RecordAsync(AuditEntry entry, string code, string scope = "")
    {
        ArgumentNullException.ThrowIfNull(entry);
        var key = (entry.ActorId ?? "", entry.Action, scope);
        lock (_gate)
        {
            if (_windows.TryGetValue(key, out var open))
            {
                open.Count(entry, code);
                return Task.CompletedTask;
            }

            var length = options.CurrentValue.RefusalAuditWindow;
            _windows[key] = new Window(entry, time.GetUtcNow(), time.CreateTimer(_ => _ = CloseAsync(key), null, length, length));
        }

        return log.RecordAsync(entry, CancellationToken.None);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        List<AuditEntry> pending = [];
        lock (_gate)
        {
            foreach (var window in _windows.Values)
            {
                window.Timer.Dispose();
                if (window.TakeSummary(time.GetUtcNow()) is { } summary)
                {
                    pending.Add(summary);
                }
            }

            _windows.Clear();
        }

        foreach (var summary in pending)
        {
            await log.RecordAsync(summary, cancellationToken);
        }
    }

    private async Task CloseAsync((string Actor, string Action, string Scope) key)
    {
        AuditEntry? summary;
        lock (_gate)
        {
            if (!_windows.TryGetValue(key, out var window))
            {
                return;
            }

            summary = window.TakeSummary(time.GetUtcNow());
            if (summary is null)
            {
                window.Timer.Dispose();
                _windows.Remove(key);
                return;
            }
        }

        await log.RecordAsync(summary, CancellationToken.None);
    }

    /// <summary>One actor's refusals of one action counted in the current window (the one that opened it was written at once).</summary>
    private sealed class Window(AuditEntry first, DateTimeOffset since, ITimer timer)
    {
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
        private readonly HashSet<string> _targets = new(StringComparer.Ordinal);
        private DateTimeOffset _since = since;
        private AuditEntry _last = first;
        private int _count;
        private bool _moreTargets;

        public ITimer Timer { get; } = timer;

        public void Count(AuditEntry entry, string code)
        {
            _last = entry;
            _count = _count == int.MaxValue ? _count : _count + 1;
            _codes[code] = _codes.GetValueOrDefault(code) + 1;
            if (entry.Target is { } target && !_targets.Contains(target))
            {
                if (_targets.Count < MaxTargets)
                {
                    _targets.Add(target);
                }
                else
                {
                    _moreTargets = true;
                }
            }
        }

        /// <summary>The record of what was counted, restarting the count; null when nothing was.</summary>
        public AuditEntry? TakeSummary(DateTimeOffset now)
        {
            if (_count == 0)
            {
                return null;
            }

            var details = new JsonObject
            {
                ["aggregated"] = true,
                ["count"] = _count,
                ["codes"] = new JsonObject([.. _codes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))]),
                ["targets"] = _targets.Count,
                ["moreTargets"] = _moreTargets,
                ["since"] = _since,
                ["until"] = now,
            };
            var target = _targets.Count == 1 && !_moreTargets ? _targets.First() : null;
            var summary = new AuditEntry(_last.Action, _last.Outcome, _last.ActorId, _last.ActorUpn, target, _last.FromAddress, details);
            _codes.Clear();
            _targets.Clear();
            _count = 0;
            _moreTargets = false;
            _since = now;
            return summary;
        }
    }
}
