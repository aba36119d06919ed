namespace Conclave.Domain.Dlp;

/// <summary>
/// Every DLP policy of the organisation with its mode: the one question the content paths ask, "what happens to this
/// content, shared like this?" (<see cref="Decide"/>). The content is scanned once for every type any policy names;
/// each policy that is not disabled decides on that scan; the enforced action is the strongest among the enabled
/// policies, while policies in a test mode only add their matches (audited) and, with notifications, the tip.
/// </summary>
public sealed class DlpPolicySet
{
    private readonly IReadOnlyList<(DlpPolicy Policy, DlpPolicyMode Mode)> _policies;
    private readonly IReadOnlyList<SensitiveInfoType> _types;

    public DlpPolicySet(IEnumerable<(DlpPolicy Policy, DlpPolicyMode Mode)> policies)
    {
        _policies = [.. policies.Where(p => p.Mode != DlpPolicyMode.Disable)];
        _types = [.. _policies.SelectMany(p => p.Policy.Types).Distinct()];
    }

    /// <summary>No policy: nothing is scanned.</summary>
    public static DlpPolicySet Empty { get; } = new([]);

    /// <summary>No policy is evaluated (none exists, or all are disabled).</summary>
    public bool IsEmpty => _policies.Count == 0;

    public DlpDecision Decide(ReadOnlySpan<char> text, DlpContext context)
    {
        if (IsEmpty)
        {
            return DlpDecision.NothingMatched;
        }

        var scan = DlpScanner.Scan(text, _types);
        var matches = new List<DlpPolicyMatch>();
        foreach (var (policy, mode) in _policies)
        {
            var verdict = policy.Evaluate(scan, context);
            if (verdict.Action != DlpAction.None)
            {
                matches.Add(new DlpPolicyMatch(policy, mode, verdict));
            }
        }

        return matches.Count == 0 ? DlpDecision.NothingMatched : new DlpDecision(matches, scan);
    }
}
