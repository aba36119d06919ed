using Conclave.Domain.Dlp;

namespace Conclave.Domain.Tests.Dlp;

/// <summary>
/// The policy the corpus's verdicts are written for: cards blocked at any reportable confidence; IBANs
/// held for justification with a banking keyword and a policy tip without; SSNs and SINs blocked when
/// formatted with a keyword and audited when only medium; and an SSN with an IBAN together blocked
/// (an identity with the account it is paid to).
/// </summary>
internal static class StandardTestPolicy
{
    public static DlpPolicy Create() => DlpPolicy.Create("Standard test policy",
    [
        Rule("Payment cards", DlpAction.Block, (SensitiveInfoTypes.CreditCardNumber, DlpConfidence.Medium)),
        Rule("Bank accounts with context", DlpAction.BlockWithOverride, (SensitiveInfoTypes.Iban, DlpConfidence.High)),
        Rule("Bank accounts", DlpAction.NotifySender, (SensitiveInfoTypes.Iban, DlpConfidence.Medium)),
        Rule("US SSN with context", DlpAction.Block, (SensitiveInfoTypes.UsSocialSecurityNumber, DlpConfidence.High)),
        Rule("US SSN possible", DlpAction.AuditOnly, (SensitiveInfoTypes.UsSocialSecurityNumber, DlpConfidence.Medium)),
        Rule("Canada SIN with context", DlpAction.Block, (SensitiveInfoTypes.CanadaSocialInsuranceNumber, DlpConfidence.High)),
        Rule("Canada SIN possible", DlpAction.AuditOnly, (SensitiveInfoTypes.CanadaSocialInsuranceNumber, DlpConfidence.Medium)),
        DlpRule.Create(
            "Identity with bank account",
            [
                DlpCondition.Create(SensitiveInfoTypes.UsSocialSecurityNumber).Value,
                DlpCondition.Create(SensitiveInfoTypes.Iban).Value,
            ],
            DlpAction.Block,
            DlpConditionMatch.All).Value,
    ]).Value;

    private static DlpRule Rule(string name, DlpAction action, (SensitiveInfoType Type, DlpConfidence Confidence) condition) =>
        DlpRule.Create(name, [DlpCondition.Create(condition.Type, 1, condition.Confidence).Value], action).Value;
}
