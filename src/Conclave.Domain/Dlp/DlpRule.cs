using Conclave.Domain.Common;

namespace Conclave.Domain.Dlp;

/// <summary>A named rule of a <see cref="DlpPolicy"/>: its conditions, how they combine, and the action when they hold.</summary>
public sealed class DlpRule
{
    public const int MaxConditions = 20;

    private DlpRule(string name, IReadOnlyList<DlpCondition> conditions, DlpAction action, DlpConditionMatch match)
    {
        Name = name;
        Conditions = conditions;
        Action = action;
        Match = match;
    }

    public string Name { get; }

    public IReadOnlyList<DlpCondition> Conditions { get; }

    public DlpAction Action { get; }

    public DlpConditionMatch Match { get; }

    /// <summary>
    /// A rule, or <c>dlp.invalid_name</c>, <c>dlp.empty_rule</c> (no condition, or more than 20) or
    /// <c>dlp.invalid_action</c> (<see cref="DlpAction.None"/> or undefined).
    /// </summary>
    /// <param name="name">Shown to admins and in audit records (1–128 characters).</param>
    /// <param name="conditions">1 to 20 conditions.</param>
    /// <param name="action">What happens when the rule matches.</param>
    /// <param name="match">Whether any condition (the default, Purview's "any of these") or all of them must hold.</param>
    public static Result<DlpRule> Create(string name, IReadOnlyList<DlpCondition> conditions, DlpAction action, DlpConditionMatch match = DlpConditionMatch.Any)
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

        return new DlpRule(validName.Value, [.. conditions], action, match);
    }

    public bool IsMetBy(DlpScanResult scan) =>
        Match == DlpConditionMatch.All ? Conditions.All(c => c.IsMetBy(scan)) : Conditions.Any(c => c.IsMetBy(scan));
}
