using Conclave.Domain.Common;

namespace Conclave.Domain.Dlp;

/// <summary>A named rule of a <see cref="DlpPolicy"/>: its conditions, how they combine, and the action when they hold.</summary>
public sealed class DlpRule
{
    public const int MaxConditions = 20;

    /// <summary>The longest policy tip an administrator may write.</summary>
    public const int MaxPolicyTipLength = 256;

    private DlpRule(string name, IReadOnlyList<DlpCondition> conditions, DlpAction action, DlpConditionMatch match, DlpAccessScope accessScope, string? policyTip)
    {
        Name = name;
        Conditions = conditions;
        Action = action;
        Match = match;
        AccessScope = accessScope;
        PolicyTip = policyTip;
    }

    public string Name { get; }

    public IReadOnlyList<DlpCondition> Conditions { get; }

    public DlpAction Action { get; }

    public DlpConditionMatch Match { get; }

    /// <summary>Where the rule applies: anywhere, or only inside or only outside the organisation.</summary>
    public DlpAccessScope AccessScope { get; }

    /// <summary>The administrator's policy tip shown to the sender, or null for Conclave's own text.</summary>
    public string? PolicyTip { get; }

    /// <summary>
    /// A rule, or <c>dlp.invalid_name</c>, <c>dlp.empty_rule</c> (no condition, or more than 20) or
    /// <c>dlp.invalid_action</c> (<see cref="DlpAction.None"/> or undefined), <c>dlp.invalid_value</c> (an undefined
    /// access scope, or a policy tip that is longer than 256 characters or not plain text).
    /// </summary>
    /// <param name="name">Shown to admins and in audit records (1–128 characters).</param>
    /// <param name="conditions">1 to 20 conditions.</param>
    /// <param name="action">What happens when the rule matches.</param>
    /// <param name="match">Whether any condition (the default, Purview's "any of these") or all of them must hold.</param>
    /// <param name="accessScope">Where the rule applies; default anywhere.</param>
    /// <param name="policyTip">The administrator's tip for the sender (empty or null: Conclave's own).</param>
    public static Result<DlpRule> Create(
        string name,
        IReadOnlyList<DlpCondition> conditions,
        DlpAction action,
        DlpConditionMatch match = DlpConditionMatch.Any,
        DlpAccessScope accessScope = DlpAccessScope.None,
        string? policyTip = null)
    {
        var validName = DlpNames.Validate(name, "rule");
        if (!validName.IsSuccess)
        {
            return validName.Error;
        }

        if (conditions is null || conditions.Count is 0 or > MaxConditions)
        {
            return DlpErrors.EmptyRule(validName.Value, MaxConditions);
        }

        if (action == DlpAction.None || !Enum.IsDefined(action) || !Enum.IsDefined(match))
        {
            return DlpErrors.InvalidAction(action);
        }

        if (!Enum.IsDefined(accessScope))
        {
            return DlpErrors.InvalidValue("AccessScope", accessScope.ToString(), "None, InOrganization or NotInOrganization");
        }

        var tip = string.IsNullOrWhiteSpace(policyTip) ? null : policyTip.Trim();
        if (tip is not null && (tip.Length > MaxPolicyTipLength || !DlpNames.IsPlainText(tip)))
        {
            return DlpErrors.InvalidValue("NotifyPolicyTipCustomText", "(the text given)", $"plain text of at most {MaxPolicyTipLength} characters on one line");
        }

        return new DlpRule(validName.Value, [.. conditions], action, match, accessScope, tip);
    }

    /// <summary>Whether the rule holds for content scanned as <paramref name="scan"/> and shared as <paramref name="context"/> says.</summary>
    public bool IsMetBy(DlpScanResult scan, DlpContext context) =>
        context.Allows(AccessScope)
        && (Match == DlpConditionMatch.All ? Conditions.All(c => c.IsMetBy(scan)) : Conditions.Any(c => c.IsMetBy(scan)));
}
