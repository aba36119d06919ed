using Conclave.Domain.Common;

namespace Conclave.Domain.Dlp;

/// <summary>
/// A DLP policy: named rules over sensitive information types. Its question is "what happens to this
/// content?", answered by <see cref="Evaluate(ReadOnlySpan{char}, DlpContext)"/> with a <see cref="DlpVerdict"/>: the
/// strongest action among the rules that matched, and their names.
/// </summary>
public sealed class DlpPolicy
{
    public const int MaxRules = 50;

    private DlpPolicy(string name, IReadOnlyList<DlpRule> rules)
    {
        Name = name;
        Rules = rules;
        Types = [.. rules.SelectMany(r => r.Conditions).Select(c => c.Type).Distinct()];
    }

    public string Name { get; }

    public IReadOnlyList<DlpRule> Rules { get; }

    /// <summary>Every type a rule names: what a scan for this policy looks for.</summary>
    public IReadOnlyList<SensitiveInfoType> Types { get; }

    /// <summary>A policy, or <c>dlp.invalid_name</c>, <c>dlp.empty_policy</c> (no rule, or more than 50) or <c>dlp.duplicate_rule</c>.</summary>
    public static Result<DlpPolicy> Create(string name, IReadOnlyList<DlpRule> rules)
    {
        var validName = DlpNames.Validate(name, "policy");
        if (!validName.IsSuccess)
        {
            return validName.Error;
        }

        if (rules is null || rules.Count is 0 or > MaxRules)
        {
            return DlpErrors.EmptyPolicy(validName.Value, MaxRules);
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in rules)
        {
            if (!names.Add(rule.Name))
            {
                return DlpErrors.DuplicateRule(rule.Name);
            }
        }

        return new DlpPolicy(validName.Value, [.. rules]);
    }

    /// <summary>Scans <paramref name="text"/> for this policy's types and decides (see <see cref="DlpScanner"/> for the bounds).</summary>
    public DlpVerdict Evaluate(ReadOnlySpan<char> text, DlpContext? context = null) => Evaluate(DlpScanner.Scan(text, Types), context);

    /// <summary>
    /// Decides on a scan already made (it must have looked for <see cref="Types"/>; a type not scanned for counts as
    /// absent), for content shared as <paramref name="context"/> says (default: inside the organisation).
    /// </summary>
    public DlpVerdict Evaluate(DlpScanResult scan, DlpContext? context = null)
    {
        context ??= DlpContext.InsideOrganization;
        var action = DlpAction.None;
        var matched = new List<string>();
        foreach (var rule in Rules)
        {
            if (rule.IsMetBy(scan, context))
            {
                matched.Add(rule.Name);
                if (rule.Action > action)
                {
                    action = rule.Action;
                }
            }
        }

        return new DlpVerdict(action, matched, scan);
    }
}
