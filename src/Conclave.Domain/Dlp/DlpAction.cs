namespace Conclave.Domain.Dlp;

/// <summary>
/// What a DLP rule does to content that meets its conditions, weakest first: a verdict takes the
/// strongest action of the rules that matched. <see cref="None"/> is only a verdict (no rule matched).
/// </summary>
public enum DlpAction
{
    /// <summary>No rule matched: the content goes through.</summary>
    None = 0,

    /// <summary>The content goes through and an audit record says which rules matched.</summary>
    AuditOnly = 1,

    /// <summary>The content goes through and the sender sees a policy tip (audited too).</summary>
    NotifySender = 2,

    /// <summary>The content is held unless the sender overrides with a business justification (audited).</summary>
    BlockWithOverride = 3,

    /// <summary>The content is refused (audited).</summary>
    Block = 4,
}
