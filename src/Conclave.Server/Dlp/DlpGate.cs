using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Domain.Dlp;
using Conclave.Server.Audit;

namespace Conclave.Server.Dlp;

/// <summary>
/// Checks content against the organisation's DLP policies before it is stored or delivered, whoever sends it (a
/// person's client or an app registration calling the API: the content paths all pass here). A block refuses with
/// <c>dlp.blocked</c>; a block the sender may override refuses with <c>dlp.justification_required</c> until they give a
/// business justification; every match is audited with the rules and the types found, never the content.
/// </summary>
public sealed class DlpGate(DlpPolicySource source, ILogger<DlpGate> logger)
{
    /// <summary>The longest business justification (Purview's override dialog takes a short free text).</summary>
    public const int MaxJustificationLength = 500;

    /// <param name="content">The content and who sends it where.</param>
    /// <param name="sharedOutsideOrganization">Whether a recipient is a guest or a federated user: asked only when a policy is in force.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    public async Task<DlpCheck> CheckAsync(
        DlpContent content, Func<CancellationToken, Task<bool>> sharedOutsideOrganization, CancellationToken cancellationToken)
    {
        var policies = await source.CurrentAsync(cancellationToken);
        if (policies.IsEmpty)
        {
            return DlpCheck.Clean;
        }

        var context = new DlpContext(await sharedOutsideOrganization(cancellationToken));
        var decision = policies.Decide(content.Text, context);
        if (decision.Action == DlpAction.None)
        {
            return DlpCheck.Clean;
        }

        var justification = Justification(content.Justification);
        DlpLog.Matched(logger, decision.Action, content.ContainerId, content.SenderId, decision.Matches.Count);
        switch (decision.Action)
        {
            case DlpAction.Block:
                return Refused(content, context, decision, new Error(ErrorCodes.Dlp.Blocked, TipText(decision), ErrorKind.Forbidden));
            case DlpAction.BlockWithOverride when justification is null:
                return Refused(content, context, decision, new Error(ErrorCodes.Dlp.JustificationRequired, TipText(decision), ErrorKind.Forbidden));
            case DlpAction.BlockWithOverride:
                return new DlpCheck(null, Entry(DlpAuditActions.ContentOverridden, AuditOutcome.Success, content, context, decision, justification),
                    Tip(decision));
            default:
                var notify = decision.Action == DlpAction.NotifySender;
                return new DlpCheck(null, Entry(DlpAuditActions.ContentMatched, AuditOutcome.Success, content, context, decision, null), notify ? Tip(decision) : null);
        }
    }

    private static DlpCheck Refused(DlpContent content, DlpContext context, DlpDecision decision, Error refusal) =>
        new(refusal, Entry(DlpAuditActions.ContentBlocked, AuditOutcome.Denied, content, context, decision, null), null);

    private static string? Justification(string? given)
    {
        var trimmed = given?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > MaxJustificationLength ? trimmed[..MaxJustificationLength] : trimmed;
    }

    private static DlpPolicyTip Tip(DlpDecision decision) =>
        new(decision.Action.ToString(), decision.MatchedRules, decision.TypesFound, TipText(decision));

    /// <summary>What the sender is told: the administrator's tip, or which kinds of sensitive information were found and what follows.</summary>
    public static string TipText(DlpDecision decision)
    {
        var types = decision.TypesFound.Count == 0 ? "sensitive information" : string.Join(", ", decision.TypesFound);
        var said = decision.AdministratorTip is { } tip ? $" {tip}" : "";
        return decision.Action switch
        {
            DlpAction.Block => $"This message was not sent: it contains {types}, which your organisation's policy does not allow here.{said}",
            DlpAction.BlockWithOverride =>
                $"This message contains {types}. Your organisation's policy holds it unless you send it with a business justification.{said}",
            _ => $"This message contains {types}, which your organisation's policy marks as sensitive.{said}",
        };
    }

    private static AuditEntry Entry(
        string action, AuditOutcome outcome, DlpContent content, DlpContext context, DlpDecision decision, string? justification)
    {
        var details = new JsonObject
        {
            ["content"] = content.Kind,
            ["container"] = content.ContainerId.ToString(),
            ["action"] = decision.Action.ToString(),
            ["policies"] = new JsonArray([.. decision.Matches.Select(m => (JsonNode)new JsonObject
            {
                ["policy"] = m.Policy.Name,
                ["mode"] = m.Mode.ToString(),
                ["action"] = m.Verdict.Action.ToString(),
                ["rules"] = new JsonArray([.. m.Verdict.MatchedRules.Select(r => (JsonNode)JsonValue.Create(r)!)]),
            })]),
            ["types"] = new JsonArray([.. (decision.Scan?.Types ?? []).Where(t => t.Count > 0)
                .Select(t => (JsonNode)new JsonObject { ["type"] = t.Type.Name, ["count"] = t.Count })]),
            ["sharedOutside"] = context.SharedOutsideOrganization,
        };
        if (justification is not null)
        {
            details["justification"] = justification;
        }

        return new AuditEntry(action, outcome, content.SenderId, content.SenderUpn, content.ContainerId.ToString(), content.From, details);
    }
}
