using System.Text.Json.Nodes;
using Conclave.Domain.Calls;
using Conclave.Server.Audit;

namespace Conclave.Server.Calls;

/// <summary>
/// Writes the audit records of calls: who called whom, E2EE and why not, how it ended. No SDP, no
/// fingerprints, no keys. A record is written even when the device whose request caused it goes away
/// at once (a hang-up followed by closing the page), so none takes the request's cancellation.
/// </summary>
public sealed class CallAudit(IAuditLog log)
{
    internal Task PlacedAsync(RegisteredDevice caller, string calleeUpn, CallSession session) =>
        log.RecordAsync(new AuditEntry(CallAuditActions.Placed, AuditOutcome.Success, caller.UserId, caller.Upn, calleeUpn, caller.From, Facts(session.Id, session.E2ee)), CancellationToken.None);

    internal Task RefusedAsync(RegisteredDevice caller, string calleeUpn, E2eeDecision decision) =>
        log.RecordAsync(new AuditEntry(CallAuditActions.Refused, AuditOutcome.Denied, caller.UserId, caller.Upn, calleeUpn, caller.From, Facts(null, decision)), CancellationToken.None);

    internal Task AnsweredAsync(CallEntry entry)
    {
        var callee = entry.Callee!;
        return log.RecordAsync(new AuditEntry(CallAuditActions.Answered, AuditOutcome.Success, callee.UserId, callee.Upn, entry.Caller.Upn, callee.From, Facts(entry.Session.Id, entry.Session.E2ee)), CancellationToken.None);
    }

    internal Task EndedAsync(CallSession session, string callerUpn, string calleeUpn)
    {
        var facts = Facts(session.Id, session.E2ee);
        facts["reason"] = session.EndReason.ToString();
        facts["missed"] = session.IsMissed;
        facts["callee"] = calleeUpn;
        if (session.ConnectedAt is { } connected && session.EndedAt is { } ended)
        {
            facts["durationSeconds"] = Math.Round((ended - connected).TotalSeconds, 1);
        }

        return log.RecordAsync(new AuditEntry(CallAuditActions.Ended, AuditOutcome.Success, session.CallerId, callerUpn, calleeUpn, null, facts), CancellationToken.None);
    }

    internal Task FeatureRefusedAsync(CallEntry entry, CallFeature feature, string code)
    {
        var facts = Facts(entry.Session.Id, entry.Session.E2ee);
        facts["feature"] = feature.ToString();
        facts["code"] = code;
        return log.RecordAsync(new AuditEntry("call.feature", AuditOutcome.Denied, entry.Caller.UserId, entry.Caller.Upn, entry.CalleeUpn, null, facts), CancellationToken.None);
    }

    private static JsonObject Facts(Guid? callId, E2eeDecision decision) => new()
    {
        ["callId"] = callId?.ToString(),
        ["e2ee"] = decision.EndToEnd,
        ["reasons"] = new JsonArray([.. decision.Reasons.Select(r => JsonValue.Create($"{r.Side?.ToString() ?? "Call"}:{r.Code}"))]),
    };
}
