using Conclave.Contracts.Errors;
using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Questions;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Tests.Policies;

public class E2eeQuestionsTests
{
    private readonly PolicyWorld _world = new();

    private PolicyDirectory Directory => _world.Directory;

    private void SetGlobalCalling(string value) => PolicyWorld.Ok(Directory.Set(
        PolicyWorld.Type, "Global", new Dictionary<string, string?> { ["CallingEndtoEndEncryptionEnabledType"] = value }));

    private void PutUserUnderComplianceRecording()
    {
        PolicyWorld.Ok(Directory.New(PolicyTypes.TeamsComplianceRecordingPolicy, "Recorded", new Dictionary<string, string?>
        {
            ["Enabled"] = "True",
            ["ComplianceRecordingApplications"] = "recorder-1",
        }));
        PolicyWorld.Ok(Directory.GrantToUser(PolicyTypes.TeamsComplianceRecordingPolicy, _world.User, "Recorded"));
    }

    [Theory]
    [InlineData("Disabled", E2eeMode.Disabled)]
    [InlineData("DisabledUserOverride", E2eeMode.UserMayEnable)]
    [InlineData("EnabledUserOverride", E2eeMode.OnByDefaultUserMayDisable)]
    [InlineData("Required", E2eeMode.Required)]
    public void CallingModeFor_MapsPolicyValue(string value, E2eeMode expected)
    {
        SetGlobalCalling(value);
        var answer = Directory.E2ee.CallingModeFor(_world.User);
        Assert.Equal(expected, answer.Mode);
        Assert.Equal(E2eeReason.Policy, answer.Reason);
        Assert.True(answer.Policy.Identity.IsGlobal);
    }

    [Fact]
    public void MeetingModeFor_ReadsMeetingEndToEndEncryptionOnly()
    {
        PolicyWorld.Ok(Directory.Set(PolicyWorld.Type, "Global", new Dictionary<string, string?> { ["MeetingEndToEndEncryption"] = "DisabledUserOverride" }));
        Assert.Equal(E2eeMode.UserMayEnable, Directory.E2ee.MeetingModeFor(_world.User).Mode);
        Assert.Equal(E2eeMode.Disabled, Directory.E2ee.CallingModeFor(_world.User).Mode);
    }

    public static TheoryData<string, E2eeUserSetting, bool, E2eeReason> SettingRules => new()
    {
        { "Disabled", E2eeUserSetting.Unset, false, E2eeReason.Policy },
        { "Disabled", E2eeUserSetting.On, false, E2eeReason.Policy },
        { "DisabledUserOverride", E2eeUserSetting.Unset, false, E2eeReason.PolicyDefault },
        { "DisabledUserOverride", E2eeUserSetting.On, true, E2eeReason.UserChoice },
        { "DisabledUserOverride", E2eeUserSetting.Off, false, E2eeReason.UserChoice },
        { "EnabledUserOverride", E2eeUserSetting.Unset, true, E2eeReason.PolicyDefault },
        { "EnabledUserOverride", E2eeUserSetting.Off, false, E2eeReason.UserChoice },
        { "EnabledUserOverride", E2eeUserSetting.On, true, E2eeReason.UserChoice },
        { "Required", E2eeUserSetting.Unset, true, E2eeReason.Policy },
        { "Required", E2eeUserSetting.Off, true, E2eeReason.Policy },
    };

    [Theory]
    [MemberData(nameof(SettingRules))]
    public void EffectiveE2eeCallSetting_FollowsPolicyAndStoredSwitch(string policyValue, E2eeUserSetting stored, bool on, E2eeReason reason)
    {
        SetGlobalCalling("DisabledUserOverride");
        if (stored != E2eeUserSetting.Unset)
        {
            PolicyWorld.Ok(Directory.E2ee.SetE2eeCallSetting(_world.User, stored));
        }

        SetGlobalCalling(policyValue);

        var answer = Directory.E2ee.EffectiveE2eeCallSetting(_world.User);
        Assert.Equal(on, answer.On);
        Assert.Equal(reason, answer.Reason);
    }

    [Theory]
    [InlineData("Disabled", false)]
    [InlineData("DisabledUserOverride", true)]
    [InlineData("EnabledUserOverride", true)]
    [InlineData("Required", false)]
    public void CanUserChangeE2eeSetting_OnlyUnderUserOverride(string value, bool expected)
    {
        SetGlobalCalling(value);
        Assert.Equal(expected, Directory.E2ee.CanUserChangeE2eeSetting(_world.User));
    }

    [Theory]
    [InlineData("Disabled")]
    [InlineData("Required")]
    public void SetE2eeCallSetting_WhereLocked_IsRefusedAndKeepsStoredValue(string value)
    {
        SetGlobalCalling(value);
        var refused = Directory.E2ee.SetE2eeCallSetting(_world.User, E2eeUserSetting.On);
        Assert.Equal(ErrorCodes.Policy.SettingLocked, refused.Error?.Code);
        Assert.Contains($"CallingEndtoEndEncryptionEnabledType {value}", refused.Error?.Message, StringComparison.Ordinal);
        Assert.Equal(E2eeUserSetting.Unset, Directory.GetE2eeCallSetting(_world.User));
    }

    [Fact]
    public void SetE2eeCallSetting_RecordsBeforeAndAfter()
    {
        SetGlobalCalling("DisabledUserOverride");
        var change = PolicyWorld.Ok(Directory.E2ee.SetE2eeCallSetting(_world.User, E2eeUserSetting.On));
        Assert.Equal(PolicyChangeKind.UserE2eeCallSettingChanged, change.Kind);
        Assert.Equal("Unset", change.Before["E2eeCalls"]);
        Assert.Equal("On", change.After["E2eeCalls"]);
        Assert.Equal([_world.User], Directory.UsersAffectedBy(change));
    }

    [Fact]
    public void ComplianceRecording_MakesE2eeUnavailableEvenWhenRequired()
    {
        SetGlobalCalling("Required");
        PutUserUnderComplianceRecording();

        Assert.True(Directory.Compliance.IsUnderComplianceRecording(_world.User));
        var mode = Directory.E2ee.CallingModeFor(_world.User);
        Assert.Equal(E2eeMode.Disabled, mode.Mode);
        Assert.Equal(E2eeReason.ComplianceRecording, mode.Reason);
        var setting = Directory.E2ee.EffectiveE2eeCallSetting(_world.User);
        Assert.False(setting.On);
        Assert.Equal(E2eeReason.ComplianceRecording, setting.Reason);
    }

    [Fact]
    public void ComplianceRecording_LocksTheUserSwitchWithItsReason()
    {
        SetGlobalCalling("DisabledUserOverride");
        PutUserUnderComplianceRecording();
        Assert.False(Directory.E2ee.CanUserChangeE2eeSetting(_world.User));
        var refused = Directory.E2ee.SetE2eeCallSetting(_world.User, E2eeUserSetting.On);
        Assert.Contains("recorded for compliance", refused.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComplianceRecording_DisabledPolicy_LeavesE2eeAlone()
    {
        SetGlobalCalling("EnabledUserOverride");
        PolicyWorld.Ok(Directory.New(PolicyTypes.TeamsComplianceRecordingPolicy, "Off", new Dictionary<string, string?> { ["ComplianceRecordingApplications"] = "recorder-1" }));
        PolicyWorld.Ok(Directory.GrantToUser(PolicyTypes.TeamsComplianceRecordingPolicy, _world.User, "Off"));

        Assert.False(Directory.Compliance.IsUnderComplianceRecording(_world.User));
        Assert.Empty(Directory.Compliance.RecordingApplicationsFor(_world.User));
        Assert.True(Directory.E2ee.EffectiveE2eeCallSetting(_world.User).On);
    }

    [Fact]
    public void ComplianceRecording_AnswersApplicationsAndReroutedCalls()
    {
        PolicyWorld.Ok(Directory.New(PolicyTypes.TeamsComplianceRecordingPolicy, "R", new Dictionary<string, string?>
        {
            ["Enabled"] = "True",
            ["ComplianceRecordingApplications"] = "rec-a,rec-b",
            ["RecordReroutedCalls"] = "True",
        }));
        PolicyWorld.Ok(Directory.GrantToTenant(PolicyTypes.TeamsComplianceRecordingPolicy, "R"));

        Assert.Equal(["rec-a", "rec-b"], Directory.Compliance.RecordingApplicationsFor(_world.User));
        Assert.True(Directory.Compliance.RecordsReroutedCalls(_world.User));
    }
}
