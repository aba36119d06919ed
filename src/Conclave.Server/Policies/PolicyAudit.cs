using System.Text.Json.Nodes;
using Conclave.Domain.Policies;
using Conclave.Server.Audit;
using Conclave.Server.Http;

namespace Conclave.Server.Policies;

/// <summary>
/// The audit entry of a policy change, built from the <see cref="PolicyChange"/> and written by
/// <see cref="EfPolicyStore"/> in the change's own transaction.
/// </summary>
public static class PolicyAudit
{
    /// <summary>
    /// An administrator's change through <c>/api/admin/policies</c>: <c>details</c> are
    /// <c>{ policyType, kind, before, after }</c>; <paramref name="targetName"/> replaces the user's or
    /// group's id in the target with the name the administrator gave.
    /// </summary>
    public static AuditEntry ByAdmin(PolicyChange change, AdminActor actor, string? targetName = null)
    {
        var target = targetName is null ? $"{change.Type.Name} {change.Target}" : $"{change.Type.Name} {change.Target.Split(':')[0]}:{targetName}";
        return new AuditEntry(ActionOf(change), AuditOutcome.Success, actor.Id, actor.Upn, target, actor.From, Details(change));
    }

    /// <summary>A change the server makes with no actor (set-up, tests): still recorded, with the same details.</summary>
    public static AuditEntry BySystem(PolicyChange change) =>
        new(ActionOf(change), AuditOutcome.Success, Target: $"{change.Type.Name} {change.Target}", Details: Details(change));

    /// <summary>The action of each kind of change (docs/api.md).</summary>
    public static string ActionOf(PolicyChange change) => change.Kind switch
    {
        PolicyChangeKind.PolicyCreated => PolicyAuditActions.New,
        PolicyChangeKind.PolicyUpdated => PolicyAuditActions.Set,
        PolicyChangeKind.PolicyRemoved => PolicyAuditActions.Remove,
        PolicyChangeKind.PolicyReset => PolicyAuditActions.Reset,
        PolicyChangeKind.UserGranted or PolicyChangeKind.GroupGranted or PolicyChangeKind.TenantDefaultGranted => PolicyAuditActions.Grant,
        PolicyChangeKind.GroupAssignmentRemoved => PolicyAuditActions.GroupAssignmentRemove,
        PolicyChangeKind.UserE2eeCallSettingChanged => PolicyAuditActions.E2eeCallSetting,
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "A policy change kind without an audit action."),
    };

    private static JsonObject Details(PolicyChange change) => new()
    {
        ["policyType"] = change.Type.Name,
        ["kind"] = change.Kind.ToString(),
        ["before"] = PolicyJson.Pairs(change.Before),
        ["after"] = PolicyJson.Pairs(change.After),
    };
}
