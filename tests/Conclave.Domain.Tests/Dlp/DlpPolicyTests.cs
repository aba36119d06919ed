using Conclave.Contracts.Errors;
using Conclave.Domain.Dlp;

namespace Conclave.Domain.Tests.Dlp;

public sealed class DlpPolicyTests
{
    private const string Card = "4111 1111 1111 1111";
    private const string OtherCard = "5555 5555 5555 4444";

    [Fact]
    public void Verdict_IsTheStrongestActionOfTheMatchingRules_WithTheirNames()
    {
        var policy = Policy(
            Rule("Audit any card", DlpAction.AuditOnly, Condition(SensitiveInfoTypes.CreditCardNumber, 1, DlpConfidence.Medium)),
            Rule("Tip on two cards", DlpAction.NotifySender, Condition(SensitiveInfoTypes.CreditCardNumber, 2, DlpConfidence.Medium)),
            Rule("Block cards with context", DlpAction.Block, Condition(SensitiveInfoTypes.CreditCardNumber, 1, DlpConfidence.High)),
            Rule("Hold IBANs", DlpAction.BlockWithOverride, Condition(SensitiveInfoTypes.Iban, 1, DlpConfidence.Medium)));

        var none = policy.Evaluate("nothing to see");
        Assert.Equal(DlpAction.None, none.Action);
        Assert.Empty(none.MatchedRules);

        var one = policy.Evaluate($"ref {Card}");
        Assert.Equal(DlpAction.AuditOnly, one.Action);
        Assert.Equal(new[] { "Audit any card" }, one.MatchedRules);

        var two = policy.Evaluate($"refs {Card} and {OtherCard}");
        Assert.Equal(DlpAction.NotifySender, two.Action);
        Assert.Equal(new[] { "Audit any card", "Tip on two cards" }, two.MatchedRules);

        var iban = policy.Evaluate($"{Card} and GB82 WEST 1234 5698 7654 32");
        Assert.Equal(DlpAction.BlockWithOverride, iban.Action);
        Assert.True(iban.RequiresJustification);
        Assert.False(iban.IsBlocked);

        var blocked = policy.Evaluate($"my credit card is {Card}, IBAN GB82 WEST 1234 5698 7654 32");
        Assert.Equal(DlpAction.Block, blocked.Action);
        Assert.True(blocked.IsBlocked);
        Assert.Equal(new[] { "Audit any card", "Block cards with context", "Hold IBANs" }, blocked.MatchedRules);
        Assert.Equal("**** **** **** 1111", blocked.Scan.For(SensitiveInfoTypes.CreditCardNumber)!.Matches.Single().MaskedExcerpt);
    }

    [Fact]
    public void AllRule_NeedsEveryCondition_AnyRuleOne()
    {
        DlpCondition[] conditions = [Condition(SensitiveInfoTypes.CreditCardNumber, 1, DlpConfidence.Medium), Condition(SensitiveInfoTypes.Iban, 1, DlpConfidence.Medium)];
        var all = Policy(DlpRule.Create("Both", conditions, DlpAction.Block, DlpConditionMatch.All).Value);
        var any = Policy(DlpRule.Create("Either", conditions, DlpAction.Block).Value);
        Assert.Equal(DlpAction.None, all.Evaluate(Card).Action);
        Assert.Equal(DlpAction.Block, any.Evaluate(Card).Action);
        Assert.Equal(DlpAction.Block, all.Evaluate(Card + " GB82WEST12345698765432").Action);
    }

    [Fact]
    public void Types_AreEveryTypeTheRulesName_Once()
    {
        var policy = Policy(
            Rule("a", DlpAction.AuditOnly, Condition(SensitiveInfoTypes.Iban, 1, DlpConfidence.Low)),
            Rule("b", DlpAction.Block, Condition(SensitiveInfoTypes.Iban, 3, DlpConfidence.High), Condition(SensitiveInfoTypes.CanadaSocialInsuranceNumber, 1, DlpConfidence.High)));
        Assert.Equal(new[] { SensitiveInfoTypes.Iban, SensitiveInfoTypes.CanadaSocialInsuranceNumber }, policy.Types);
    }

    [Fact]
    public void Evaluate_OfTruncatedText_SaysSo()
    {
        var policy = Policy(Rule("cards", DlpAction.Block, Condition(SensitiveInfoTypes.CreditCardNumber, 1, DlpConfidence.Medium)));
        var verdict = policy.Evaluate(Card + new string(' ', DlpScanner.MaxScannedChars));
        Assert.True(verdict.Truncated);
        Assert.True(verdict.IsBlocked);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(501)]
    public void Condition_CountOutOfRange_IsRefused(int count) =>
        Assert.Equal(ErrorCodes.Dlp.InvalidThreshold, DlpCondition.Create(SensitiveInfoTypes.Iban, count).Error?.Code);

    [Fact]
    public void Condition_UndefinedConfidence_OrUnknownTypeName_IsRefused()
    {
        Assert.Equal(ErrorCodes.Dlp.InvalidThreshold, DlpCondition.Create(SensitiveInfoTypes.Iban, 1, (DlpConfidence)80).Error?.Code);
        Assert.Equal(ErrorCodes.Dlp.UnknownType, DlpCondition.Create(SensitiveInfoTypeCatalog.BuiltIn, "Driver's License", 1).Error?.Code);
        Assert.Same(SensitiveInfoTypes.UsSocialSecurityNumber, DlpCondition.Create(SensitiveInfoTypeCatalog.BuiltIn, "u.s. social security number (ssn)", 1).Value.Type);
    }

    [Fact]
    public void Rule_WithoutConditions_OrWithoutAnAction_OrWithABadName_IsRefused()
    {
        var condition = Condition(SensitiveInfoTypes.Iban, 1, DlpConfidence.Medium);
        Assert.Equal(ErrorCodes.Dlp.EmptyRule, DlpRule.Create("r", [], DlpAction.Block).Error?.Code);
        Assert.Equal(ErrorCodes.Dlp.EmptyRule, DlpRule.Create("r", Enumerable.Repeat(condition, DlpRule.MaxConditions + 1).ToArray(), DlpAction.Block).Error?.Code);
        Assert.Equal(ErrorCodes.Dlp.InvalidAction, DlpRule.Create("r", [condition], DlpAction.None).Error?.Code);
        Assert.Equal(ErrorCodes.Dlp.InvalidAction, DlpRule.Create("r", [condition], (DlpAction)9).Error?.Code);
        Assert.Equal(ErrorCodes.Dlp.InvalidName, DlpRule.Create(new string('n', DlpNames.MaxLength + 1), [condition], DlpAction.Block).Error?.Code);
        Assert.Equal(ErrorCodes.Dlp.InvalidName, DlpRule.Create("bad\u0007name", [condition], DlpAction.Block).Error?.Code);
        Assert.Equal(ErrorCodes.Dlp.InvalidName, DlpRule.Create("broken \ud800 text", [condition], DlpAction.Block).Error?.Code);
        Assert.Equal("trimmed", DlpRule.Create("  trimmed ", [condition], DlpAction.Block).Value.Name);
    }

    [Fact]
    public void Policy_WithoutRules_OrWithTwoRulesOfOneName_IsRefused()
    {
        var rule = Rule("Same", DlpAction.Block, Condition(SensitiveInfoTypes.Iban, 1, DlpConfidence.Medium));
        var other = Rule("same", DlpAction.AuditOnly, Condition(SensitiveInfoTypes.Iban, 1, DlpConfidence.Low));
        Assert.Equal(ErrorCodes.Dlp.EmptyPolicy, DlpPolicy.Create("p", []).Error?.Code);
        Assert.Equal(ErrorCodes.Dlp.DuplicateRule, DlpPolicy.Create("p", [rule, other]).Error?.Code);
        Assert.Equal(ErrorCodes.Dlp.InvalidName, DlpPolicy.Create("", [rule]).Error?.Code);
    }

    [Fact]
    public void ErrorCodes_OfDlp_AreInTheCatalog()
    {
        var codes = ErrorCodes.All.Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        string[] dlp =
        [
            ErrorCodes.Dlp.InvalidPattern, ErrorCodes.Dlp.PatternTooLong, ErrorCodes.Dlp.UnknownType, ErrorCodes.Dlp.InvalidThreshold,
            ErrorCodes.Dlp.InvalidName, ErrorCodes.Dlp.InvalidKeywords, ErrorCodes.Dlp.InvalidProximity, ErrorCodes.Dlp.DuplicateType,
            ErrorCodes.Dlp.InvalidAction, ErrorCodes.Dlp.EmptyRule, ErrorCodes.Dlp.EmptyPolicy, ErrorCodes.Dlp.DuplicateRule,
        ];
        Assert.All(dlp, code => Assert.Contains(code, codes));
        Assert.All(dlp, code => Assert.StartsWith("dlp.", code, StringComparison.Ordinal));
    }

    private static DlpCondition Condition(SensitiveInfoType type, int count, DlpConfidence confidence) => DlpCondition.Create(type, count, confidence).Value;

    private static DlpRule Rule(string name, DlpAction action, params DlpCondition[] conditions) => DlpRule.Create(name, conditions, action).Value;

    private static DlpPolicy Policy(params DlpRule[] rules) => DlpPolicy.Create("Test policy", rules).Value;
}
