namespace Conclave.Contracts.Api;

// Data-loss prevention (docs/api.md, "DLP"), in the habits of Microsoft Purview's cmdlets: a policy (its mode and
// where it applies) holds rules; a rule's conditions name sensitive information types, built in or custom, and its
// parameters decide the action. Every message is checked against every policy before it is stored or delivered.

/// <summary>"Content contains <paramref name="Name"/> at least <paramref name="MinCount"/> times at <paramref name="MinConfidence"/> or above."</summary>
/// <remarks>
/// <para><c>Name</c>: A built-in or custom sensitive information type (e.g. <c>Credit Card Number</c>).</para>
/// <para><c>MinCount</c>: 1 to 500; default 1.</para>
/// <para><c>MinConfidence</c>: <c>Low</c>, <c>Medium</c> (default) or <c>High</c>.</para>
/// </remarks>
public sealed record SensitiveInformationCondition(string? Name, int? MinCount = null, string? MinConfidence = null);

/// <remarks>
/// <para><c>Mode</c>: <c>Enable</c> (default), <c>TestWithNotifications</c>, <c>TestWithoutNotifications</c> or <c>Disable</c>.</para>
/// </remarks>
public sealed record NewDlpPolicyRequest(string? Name, string? Mode = null, string? Comment = null);

public sealed record UpdateDlpPolicyRequest(string? Mode = null, string? Comment = null);

/// <summary>
/// A rule of <paramref name="Policy"/>. Its action: <paramref name="BlockAccess"/> blocks (the sender may override with a
/// business justification when <paramref name="NotifyAllowOverride"/> is <c>WithJustification</c>); otherwise
/// <paramref name="NotifyUser"/> (<c>LastModifier</c>, the sender) shows the sender a policy tip; otherwise the match is
/// only audited.
/// </summary>
/// <remarks>
/// <para><c>AccessScope</c>: <c>NotInOrganization</c>: only where someone outside the organisation (a guest or federated user) is a member; <c>InOrganization</c>: only where everyone is a member of the tenant; <c>None</c> (default): anywhere.</para>
/// </remarks>
public sealed record NewDlpRuleRequest(
    string? Name,
    string? Policy,
    IReadOnlyList<SensitiveInformationCondition>? ContentContainsSensitiveInformation,
    string? AccessScope = null,
    bool? BlockAccess = null,
    IReadOnlyList<string>? NotifyUser = null,
    string? NotifyAllowOverride = null,
    string? NotifyPolicyTipCustomText = null,
    bool? Disabled = null);

/// <summary>Only the fields given change; <c>NotifyUser: []</c> clears it, <c>NotifyAllowOverride: ""</c> clears it.</summary>
public sealed record UpdateDlpRuleRequest(
    IReadOnlyList<SensitiveInformationCondition>? ContentContainsSensitiveInformation = null,
    string? AccessScope = null,
    bool? BlockAccess = null,
    IReadOnlyList<string>? NotifyUser = null,
    string? NotifyAllowOverride = null,
    string? NotifyPolicyTipCustomText = null,
    bool? Disabled = null);

/// <summary>A custom sensitive information type: a regular expression, optionally confirmed by keywords near it.</summary>
/// <remarks>
/// <para><c>KeywordProximity</c>: Characters either side of a match where a keyword counts, 1 to 2,000; default 300.</para>
/// <para><c>Confidence</c>: The confidence of every match: <c>Low</c>, <c>Medium</c> or <c>High</c> (default).</para>
/// </remarks>
public sealed record NewSensitiveInformationTypeRequest(
    string? Name, string? Pattern, IReadOnlyList<string>? Keywords = null, int? KeywordProximity = null, string? Confidence = null);

/// <remarks>
/// <para><c>Rules</c>: The names of its rules, in the order they were created.</para>
/// </remarks>
public sealed record DlpPolicyView(
    string Name, string Mode, string TeamsLocation, string? Comment, IReadOnlyList<string> Rules, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt) : ApiView;

/// <remarks>
/// <para><c>Action</c>: What the parameters add up to: <c>AuditOnly</c>, <c>NotifySender</c>, <c>BlockWithOverride</c> or <c>Block</c>.</para>
/// </remarks>
public sealed record DlpRuleView(
    string Name,
    string Policy,
    IReadOnlyList<SensitiveInformationCondition> ContentContainsSensitiveInformation,
    string AccessScope,
    bool BlockAccess,
    IReadOnlyList<string> NotifyUser,
    string? NotifyAllowOverride,
    string? NotifyPolicyTipCustomText,
    bool Disabled,
    string Action,
    DateTimeOffset ModifiedAt) : ApiView;

/// <remarks>
/// <para><c>Publisher</c>: <c>Conclave</c> for a built-in type, <c>Organization</c> for a custom one.</para>
/// </remarks>
public sealed record SensitiveInformationTypeView(
    string Name, string Publisher, string? Pattern, IReadOnlyList<string> Keywords, int KeywordProximity, string? Confidence) : ApiView;

/// <summary>
/// What DLP said about content its sender sent anyway: shown to the sender only (never pushed to other members), when a
/// rule with <c>NotifyUser</c> matched or the sender overrode a block with a justification.
/// </summary>
/// <remarks>
/// <para><c>Action</c>: <c>NotifySender</c> or <c>BlockWithOverride</c> (sent with the sender's justification).</para>
/// <para><c>Rules</c>: The rules that matched.</para>
/// <para><c>Types</c>: The sensitive information types found.</para>
/// <para><c>Text</c>: The policy tip: the administrator's text, or Conclave's.</para>
/// </remarks>
public sealed record DlpPolicyTip(string Action, IReadOnlyList<string> Rules, IReadOnlyList<string> Types, string Text);

/// <summary>The text to classify (<c>Test-DataClassification -TextToClassify</c>); nothing is stored or logged.</summary>
public sealed record ClassifyTextRequest(string? TextToClassify);

/// <summary>One type found: how many instances at each confidence, and masked excerpts (never the values).</summary>
public sealed record DataClassificationView(string Name, int Count, int HighConfidenceCount, int MediumConfidenceCount, IReadOnlyList<string> MaskedExcerpts);

public sealed record DataClassificationResult(IReadOnlyList<DataClassificationView> Types, bool Truncated) : ApiView;
