namespace Conclave.Domain.Dlp;

/// <summary>
/// What the organisation's DLP policies decided about one piece of content: the enforced <see cref="Action"/> (the
/// strongest of the matched policies', test modes never stronger than a tip), and every match for the audit record.
/// </summary>
public sealed class DlpDecision
{
    internal DlpDecision(IReadOnlyList<DlpPolicyMatch> matches, DlpScanResult? scan)
    {
        Matches = matches;
        Scan = scan;
        Action = matches.Count == 0 ? DlpAction.None : matches.Max(m => m.Enforced);
    }

    public static DlpDecision NothingMatched { get; } = new([], null);

    public DlpAction Action { get; }

    public IReadOnlyList<DlpPolicyMatch> Matches { get; }

    /// <summary>The scan behind it; null when no policy was evaluated.</summary>
    public DlpScanResult? Scan { get; }

    /// <summary>The names of the matched rules, policy by policy.</summary>
    public IReadOnlyList<string> MatchedRules => [.. Matches.SelectMany(m => m.Verdict.MatchedRules)];

    /// <summary>The names of the sensitive information types found (at any confidence), in scan order.</summary>
    public IReadOnlyList<string> TypesFound =>
        Scan is null ? [] : [.. Scan.Types.Where(t => t.Count > 0).Select(t => t.Type.Name)];

    /// <summary>The first administrator's tip among the rules that decided the action, if any wrote one.</summary>
    public string? AdministratorTip =>
        Matches.Where(m => m.Enforced == Action).SelectMany(m => m.Rules).Select(r => r.PolicyTip).FirstOrDefault(t => t is not null);
}
