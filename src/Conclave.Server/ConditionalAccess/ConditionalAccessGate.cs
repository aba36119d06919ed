using System.Net;
using System.Text.Json.Nodes;
using Conclave.Domain.Common;
using Conclave.Domain.ConditionalAccess;
using Conclave.Server.Audit;
using Conclave.Server.Storage;

namespace Conclave.Server.ConditionalAccess;

/// <summary>
/// Evaluates the cached policy set for one access of a user and records what it did: every refusal
/// (<see cref="ConditionalAccessAuditActions.Denied"/>) and every access report-only policies would have refused
/// (<see cref="ConditionalAccessAuditActions.ReportOnly"/>), each with the policies and their failing controls.
/// With no policy enabled or report-only, nothing is read and nothing is written.
/// </summary>
public sealed class ConditionalAccessGate(
    ConclaveDbContext db, IAuditLog audit, ConditionalAccessPolicySource source, AccessContext contexts, ILogger<ConditionalAccessGate> logger)
{
    /// <summary>The access of a user, described for the evaluation and the audit record.</summary>
    /// <param name="UserId">The user's id.</param>
    /// <param name="Upn">The user's UPN, for the audit record.</param>
    /// <param name="Application">What is accessed.</param>
    /// <param name="Address">The client's address.</param>
    /// <param name="MultiFactor">Whether the sign-in performed MFA.</param>
    /// <param name="DeviceId">The device (sign-in session), if the token has one.</param>
    /// <param name="Target">What the audit record names as the target (method and path, or the grant).</param>
    /// <param name="IgnoreDevice">At a fresh sign-in, where no device exists yet: the compliant-device control is not asked.</param>
    public sealed record Access(
        string UserId, string? Upn, AccessApplications Application, IPAddress? Address, bool MultiFactor, string? DeviceId, string Target,
        bool IgnoreDevice = false);

    /// <summary>Null when the access may go on; otherwise the refusal to answer with (403, an <c>access.*</c> code).</summary>
    public async Task<Error?> CheckAsync(Access access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var set = await source.CurrentAsync(cancellationToken);
        if (set.IsInert)
        {
            return null;
        }

        var request = await contexts.ReadAsync(
            db, set, access.UserId, access.Application, access.Address, access.MultiFactor, access.DeviceId, cancellationToken);
        if (access.IgnoreDevice)
        {
            request = request with { DeviceCompliant = true };
        }

        var decision = set.Evaluate(request);
        var reportOnly = decision.ReportOnlyFailures.ToList();
        if (reportOnly.Count > 0)
        {
            ConditionalAccessLog.ReportOnly(logger, access.Application, access.UserId, reportOnly.Count);
            await audit.RecordAsync(Entry(ConditionalAccessAuditActions.ReportOnly, AuditOutcome.Success, access, null, reportOnly), CancellationToken.None);
        }

        if (decision.Refusal is { } refusal)
        {
            ConditionalAccessLog.Refused(logger, access.Application, access.UserId, refusal.Code);
            await audit.RecordAsync(Entry(ConditionalAccessAuditActions.Denied, AuditOutcome.Denied, access, refusal.Code, [.. decision.Refusing]), CancellationToken.None);
        }

        return decision.Refusal;
    }

    private static AuditEntry Entry(string action, AuditOutcome outcome, Access access, string? code, IReadOnlyList<PolicyResult> policies)
    {
        var details = new JsonObject
        {
            ["application"] = access.Application.ToString(),
            ["mfa"] = access.MultiFactor,
            ["device"] = access.DeviceId,
            ["policies"] = new JsonArray([.. policies.Select(p => (JsonNode)new JsonObject { ["name"] = p.Policy, ["control"] = p.Outcome })]),
        };
        if (code is not null)
        {
            details["code"] = code;
        }

        return new AuditEntry(action, outcome, access.UserId, access.Upn, access.Target, access.Address?.ToString(), details);
    }
}
