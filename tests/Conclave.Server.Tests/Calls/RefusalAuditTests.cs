using System.Text.Json.Nodes;
using Conclave.Server.Audit;
using Conclave.Server.Calls;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Server.Tests.Calls;

public sealed class RefusalAuditTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    private readonly RecordingAuditLog _log = new();

    private RefusalAudit Audit() => new(_log, new FixedOptions<CallOptions>(new CallOptions()), _clock);

    private static AuditEntry Refusal(string actor, string target, string action = CallAuditActions.Refused) =>
        new(action, AuditOutcome.Denied, actor, actor + "@x.test", target, "192.0.2.1", new JsonObject());

    [Fact]
    public async Task Flood_IsOneRecordAtOnce_ThenOneWithTheCount_WhenTheWindowCloses()
    {
        var audit = Audit();
        for (var i = 0; i < 300; i++)
        {
            await audit.RecordAsync(Refusal("alice", "bob@x.test"), i < 3 ? "call.e2ee_required" : "call.rate_limited");
        }

        Assert.Single(_log.Entries);
        _clock.Advance(CallOptions.DefaultRefusalAuditWindow);

        Assert.Equal(2, _log.Entries.Count);
        var summary = _log.Entries[1];
        Assert.Equal(("alice", CallAuditActions.Refused, AuditOutcome.Denied, "bob@x.test"), (summary.ActorId, summary.Action, summary.Outcome, summary.Target));
        Assert.Equal(299, (int)summary.Details!["count"]!);
        Assert.Equal(2, (int)summary.Details["codes"]!["call.e2ee_required"]!);
        Assert.Equal(297, (int)summary.Details["codes"]!["call.rate_limited"]!);
    }

    [Fact]
    public async Task ActorsAndActions_HaveWindowsOfTheirOwn()
    {
        var audit = Audit();
        await audit.RecordAsync(Refusal("alice", "bob@x.test"), "call.rate_limited");
        await audit.RecordAsync(Refusal("carol", "bob@x.test"), "call.rate_limited");
        await audit.RecordAsync(Refusal("alice", "bob@x.test", CallAuditActions.Feature), "call.not_available");

        Assert.Equal(3, _log.Entries.Count);
    }

    [Fact]
    public async Task ManyTargets_AreCounted_AndTheSummaryNamesNone()
    {
        var audit = Audit();
        for (var i = 0; i < 100; i++)
        {
            await audit.RecordAsync(Refusal("alice", $"callee{i}@x.test"), "call.rate_limited");
        }

        _clock.Advance(CallOptions.DefaultRefusalAuditWindow);

        var summary = _log.Entries[1];
        Assert.Null(summary.Target);
        Assert.Equal(64, (int)summary.Details!["targets"]!);
        Assert.True((bool)summary.Details["moreTargets"]!);
    }

    [Fact]
    public async Task QuietWindow_EndsWithoutARecord_AndTheNextRefusalIsWrittenAtOnce()
    {
        var audit = Audit();
        await audit.RecordAsync(Refusal("alice", "bob@x.test"), "call.rate_limited");
        await audit.RecordAsync(Refusal("alice", "bob@x.test"), "call.rate_limited");
        _clock.Advance(CallOptions.DefaultRefusalAuditWindow);
        Assert.Equal(2, _log.Entries.Count);

        _clock.Advance(CallOptions.DefaultRefusalAuditWindow);
        Assert.Equal(2, _log.Entries.Count);

        await audit.RecordAsync(Refusal("alice", "bob@x.test"), "call.rate_limited");
        Assert.Equal(3, _log.Entries.Count);
        Assert.Null(_log.Entries[2].Details!["count"]);
    }

    [Fact]
    public async Task Stop_WritesTheOpenWindowsCounts()
    {
        var audit = Audit();
        await audit.RecordAsync(Refusal("alice", "bob@x.test"), "call.rate_limited");
        await audit.RecordAsync(Refusal("alice", "bob@x.test"), "call.rate_limited");

        await audit.StopAsync(CancellationToken.None);

        Assert.Equal(2, _log.Entries.Count);
        Assert.Equal(1, (int)_log.Entries[1].Details!["count"]!);
        _clock.Advance(CallOptions.DefaultRefusalAuditWindow);
        Assert.Equal(2, _log.Entries.Count);
    }

    private sealed class RecordingAuditLog : IAuditLog
    {
        private readonly Lock _gate = new();
        private readonly List<AuditEntry> _entries = [];

        public List<AuditEntry> Entries
        {
            get
            {
                lock (_gate)
                {
                    return [.. _entries];
                }
            }
        }

        // Refusals are events written on their own, never part of a change's transaction.
        public void Stage(Conclave.Server.Storage.ConclaveDbContext unitOfWork, AuditEntry entry) =>
            throw new NotSupportedException("A refusal is never staged.");

        public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _entries.Add(entry);
            }

            return Task.CompletedTask;
        }
    }
}
