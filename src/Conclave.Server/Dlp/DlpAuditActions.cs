namespace Conclave.Server.Dlp;

/// <summary>
/// Audit action names of DLP: definition changes (committed with the change), and every match on content. A match's
/// record names the rules, the types found and their counts: never the content or a matched value.
/// </summary>
public static class DlpAuditActions
{
    public const string PolicyCreated = "dlp.policy.create";
    public const string PolicyUpdated = "dlp.policy.update";
    public const string PolicyRemoved = "dlp.policy.remove";
    public const string RuleCreated = "dlp.rule.create";
    public const string RuleUpdated = "dlp.rule.update";
    public const string RuleRemoved = "dlp.rule.remove";
    public const string TypeCreated = "dlp.type.create";
    public const string TypeRemoved = "dlp.type.remove";

    /// <summary>Content was refused: a block, or a block the sender may override sent without a justification.</summary>
    public const string ContentBlocked = "dlp.content.block";

    /// <summary>Content went through with the sender's business justification for overriding a block.</summary>
    public const string ContentOverridden = "dlp.content.override";

    /// <summary>Content went through and matched rules that audit or show the sender a tip (or policies in a test mode).</summary>
    public const string ContentMatched = "dlp.content.match";
}
