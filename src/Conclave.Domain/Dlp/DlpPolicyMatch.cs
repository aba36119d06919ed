namespace Conclave.Domain.Dlp;

/// <summary>One policy whose rules matched some content: its mode and its verdict.</summary>
public sealed record DlpPolicyMatch(DlpPolicy Policy, DlpPolicyMode Mode, DlpVerdict Verdict)
{
    /// <summary>The action taken: the verdict's when the policy is enabled; in a test mode only what tells (the tip) or audits.</summary>
    public DlpAction Enforced => Mode switch
    {
        DlpPolicyMode.Enable => Verdict.Action,
        DlpPolicyMode.TestWithNotifications => DlpAction.NotifySender,
        _ => DlpAction.AuditOnly,
    };

    /// <summary>The matched rules of the policy, as rule objects (for their tips).</summary>
    public IEnumerable<DlpRule> Rules => Policy.Rules.Where(r => Verdict.MatchedRules.Contains(r.Name));
}
