using Conclave.Domain.Calls;
using Conclave.Domain.Policies.Questions;

namespace Conclave.Domain.Tests.Calls;

public class E2eeEligibilityTests
{
    private readonly CallParties _parties = new();

    /// <summary>One failing condition on one party: policy, setting, device capability, compliance recording.</summary>
    public enum Condition
    {
        PolicyDisabled,
        UserSettingOff,
        UserSettingUnsetUnderDisabledUserOverride,
        DeviceNotCapable,
        ComplianceRecording,
    }

    public static TheoryData<Condition, CallSide, E2eeIneligibilityCode> PartyCases()
    {
        var data = new TheoryData<Condition, CallSide, E2eeIneligibilityCode>();
        foreach (var side in new[] { CallSide.Caller, CallSide.Callee })
        {
            data.Add(Condition.PolicyDisabled, side, E2eeIneligibilityCode.PolicyDisabled);
            data.Add(Condition.UserSettingOff, side, E2eeIneligibilityCode.UserSettingOff);
            data.Add(Condition.UserSettingUnsetUnderDisabledUserOverride, side, E2eeIneligibilityCode.UserSettingOff);
            data.Add(Condition.DeviceNotCapable, side, E2eeIneligibilityCode.DeviceNotCapable);
            data.Add(Condition.ComplianceRecording, side, E2eeIneligibilityCode.ComplianceRecording);
        }

        return data;
    }

    private E2eeParty With(Condition condition, string name) => condition switch
    {
        Condition.PolicyDisabled => _parties.Party(name, "Disabled"),
        Condition.UserSettingOff => _parties.Party(name, "EnabledUserOverride", E2eeUserSetting.Off),
        Condition.UserSettingUnsetUnderDisabledUserOverride => _parties.Party(name, "DisabledUserOverride"),
        Condition.DeviceNotCapable => _parties.Party(name, "DisabledUserOverride", E2eeUserSetting.On, capable: false),
        Condition.ComplianceRecording => _parties.Party(name, "EnabledUserOverride", E2eeUserSetting.On, recorded: true),
        _ => throw new ArgumentOutOfRangeException(nameof(condition)),
    };

    [Theory]
    [MemberData(nameof(PartyCases))]
    public void Decide_OneFailingConditionOnOneSide_IsStandard_WithThatReasonAndSide(Condition condition, CallSide side, E2eeIneligibilityCode expected)
    {
        var failing = With(condition, "bad@x.test");
        var fine = _parties.Willing("good@x.test");

        var decision = side == CallSide.Caller ? E2eeEligibility.Decide(failing, fine) : E2eeEligibility.Decide(fine, failing);

        Assert.False(decision.EndToEnd);
        Assert.False(decision.Refused);
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal(expected, reason.Code);
        Assert.Equal(side, reason.Side);
        Assert.StartsWith($"{side} bad@x.test:", reason.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CallKind.Pstn, E2eeIneligibilityCode.Pstn)]
    [InlineData(CallKind.Group, E2eeIneligibilityCode.NotOneToOne)]
    public void Decide_NotAOneToOneCall_IsStandard_WithCallWideReason(CallKind kind, E2eeIneligibilityCode expected)
    {
        var decision = E2eeEligibility.Decide(_parties.Willing("a"), _parties.Willing("b"), kind);

        Assert.False(decision.EndToEnd);
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal(expected, reason.Code);
        Assert.Null(reason.Side);
    }

    [Fact]
    public void Decide_BothWillingAndCapable_IsEndToEnd()
    {
        var decision = E2eeEligibility.Decide(_parties.Willing("a"), _parties.Willing("b"));

        Assert.True(decision.EndToEnd);
        Assert.Empty(decision.Reasons);
        Assert.Equal("end-to-end encrypted", decision.Summary);
    }

    [Fact]
    public void Decide_EnabledUserOverride_DefaultsTheSettingOn()
    {
        var decision = E2eeEligibility.Decide(_parties.Party("a", "EnabledUserOverride"), _parties.Party("b", "EnabledUserOverride"));

        Assert.True(decision.EndToEnd);
    }

    [Fact]
    public void Decide_Required_IgnoresTheStoredSwitch()
    {
        var decision = E2eeEligibility.Decide(_parties.Party("a", "Required"), _parties.Willing("b"));

        Assert.True(decision.EndToEnd);
        Assert.False(decision.Refused);
    }

    [Theory]
    [InlineData(CallSide.Caller)]
    [InlineData(CallSide.Callee)]
    public void Decide_RequiredOnOneSide_AndTheOtherCannot_IsRefusedWithTheOthersReason(CallSide requiredSide)
    {
        var required = _parties.Party("strict", "Required");
        var off = _parties.Party("lax", "Disabled");

        var decision = requiredSide == CallSide.Caller ? E2eeEligibility.Decide(required, off) : E2eeEligibility.Decide(off, required);

        Assert.True(decision.Refused);
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal(E2eeIneligibilityCode.PolicyDisabled, reason.Code);
        Assert.NotEqual(requiredSide, reason.Side);
    }

    [Fact]
    public void Decide_RequiredButPstn_IsRefused()
    {
        var decision = E2eeEligibility.Decide(_parties.Party("a", "Required"), _parties.Willing("b"), CallKind.Pstn);

        Assert.True(decision.Refused);
        Assert.Equal([E2eeIneligibilityCode.Pstn], decision.Codes);
    }

    [Fact]
    public void Decide_SeveralFailures_ReportsEachWithItsSide_CallerFirst()
    {
        var decision = E2eeEligibility.Decide(
            _parties.Party("a", "Disabled", capable: false),
            _parties.Party("b", "EnabledUserOverride", E2eeUserSetting.Off));

        Assert.Equal(
            [(E2eeIneligibilityCode.PolicyDisabled, CallSide.Caller), (E2eeIneligibilityCode.DeviceNotCapable, CallSide.Caller), (E2eeIneligibilityCode.UserSettingOff, CallSide.Callee)],
            decision.Reasons.Select(r => (r.Code, r.Side!.Value)));
    }
}
