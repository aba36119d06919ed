using System.Text.Json.Nodes;
using Conclave.Contracts.Errors;
using Conclave.Domain.Calls;
using Conclave.Server.Audit;
using Conclave.Server.Presence;

namespace Conclave.Server.Calls;

/// <summary>
/// Writes the audit records of calls: who called whom, E2EE and why not, how it ended. No SDP, no
/// fingerprints, no keys. A record is written even when the device whose request caused it goes away
/// at once (a hang-up followed by closing the page), so none takes the request's cancellation. Refusals
/// (outcome Denied) go through <see cref="RefusalAudit"/>, which bounds how many records a flood writes.
/// Each step is also handed to <see cref="CallTelemetry"/> (counters, the call.setup trace, log lines).
/// </summary>
public sealed class CallAudit(IAuditLog log, RefusalAudit refusals, CallTelemetry telemetry)
{
    internal Task PlacedAsync(RegisteredDevice caller, string calleeUpn, CallSession session)
    {
        telemetry.Placed(session);
        return log.RecordAsync(new AuditEntry(CallAuditActions.Placed, AuditOutcome.Success, caller.UserId, caller.Upn, calleeUpn, caller.From, Facts(session.Id, session.E2ee)), CancellationToken.None);
    }

    internal Task RefusedAsync(RegisteredDevice caller, string calleeUpn, E2eeDecision decision)
    {
        var facts = Facts(null, decision);
        facts["code"] = ErrorCodes.Call.E2eeRequired;
        telemetry.Refused(caller.UserId, ErrorCodes.Call.E2eeRequired);
        return refusals.RecordAsync(new AuditEntry(CallAuditActions.Refused, AuditOutcome.Denied, caller.UserId, caller.Upn, calleeUpn, caller.From, facts), ErrorCodes.Call.E2eeRequired);
    }

    /// <summary>A ring over the caller's limits (<see cref="RingLimiter"/>): refused before any call exists.</summary>
    internal Task RateLimitedAsync(RegisteredDevice caller, string callee, TimeSpan retryAfter)
    {
        telemetry.Refused(caller.UserId, ErrorCodes.Call.RateLimited);
        return refusals.RecordAsync(
            new AuditEntry(CallAuditActions.Refused, AuditOutcome.Denied, caller.UserId, caller.Upn, callee, caller.From, new JsonObject
            {
                ["code"] = ErrorCodes.Call.RateLimited,
                ["retryAfterSeconds"] = Math.Ceiling(retryAfter.TotalSeconds),
            }),
            ErrorCodes.Call.RateLimited);
    }

    internal Task AnsweredAsync(CallEntry entry)
    {
        var callee = entry.Callee!;
        telemetry.Answered(entry.Session, callee.UserId);
        return log.RecordAsync(new AuditEntry(CallAuditActions.Answered, AuditOutcome.Success, callee.UserId, callee.Upn, entry.Caller.Upn, callee.From, Facts(entry.Session.Id, entry.Session.E2ee)), CancellationToken.None);
    }

    internal Task EndedAsync(CallSession session, string callerUpn, string calleeUpn)
    {
        telemetry.Ended(session);
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

    /// <summary>A feature refused to <paramref name="asking"/>, the party's device that asked (caller or callee).</summary>
    internal Task FeatureRefusedAsync(CallEntry entry, RegisteredDevice? asking, CallFeature feature, string code)
    {
        var actor = asking ?? entry.Caller;
        var other = actor.UserId == entry.Caller.UserId ? entry.CalleeUpn : entry.Caller.Upn;
        var facts = Facts(entry.Session.Id, entry.Session.E2ee);
        facts["feature"] = feature.ToString();
        facts["code"] = code;
        telemetry.FeatureRefused(entry.Session.Id, feature, actor.UserId, code);
        return refusals.RecordAsync(new AuditEntry(CallAuditActions.Feature, AuditOutcome.Denied, actor.UserId, actor.Upn, other, actor.From, facts), code);
    }

    private static JsonObject Facts(Guid? callId, E2eeDecision decision) => new()
    {
        ["callId"] = callId?.ToString(),
        ["e2ee"] = decision.EndToEnd,
        ["reasons"] = new JsonArray([.. decision.Reasons.Select(r => JsonValue.Create($"{r.Side?.ToString() ?? "Call"}:{r.Code}"))]),
    };
}
