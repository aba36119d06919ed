using Conclave.Domain.Calls;
using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Questions;
using Conclave.Domain.Policies.Schema;
using Conclave.Domain.Tests.Policies;

namespace Conclave.Domain.Tests.Calls;

/// <summary>Two users in one real policy directory, each with the encryption policy, setting and recording the case asks for.</summary>
internal sealed class CallParties
{
    private readonly PolicyDirectory _directory;

    public CallParties()
    {
        _directory = new PolicyDirectory(new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        foreach (var mode in new[] { "Disabled", "DisabledUserOverride", "EnabledUserOverride", "Required" })
        {
            PolicyWorld.Ok(_directory.New(PolicyTypes.TeamsEnhancedEncryptionPolicy, mode, new Dictionary<string, string?> { ["CallingEndtoEndEncryptionEnabledType"] = mode }));
        }

        PolicyWorld.Ok(_directory.New(PolicyTypes.TeamsComplianceRecordingPolicy, "Recorded", new Dictionary<string, string?>
        {
            ["Enabled"] = "True",
            ["ComplianceRecordingApplications"] = "recorder-1",
        }));
    }

    /// <summary>A user under <paramref name="policy"/> with the stored switch, optionally recorded, asked through the policy engine.</summary>
    public E2eeParty Party(string name, string policy, E2eeUserSetting setting = E2eeUserSetting.Unset, bool recorded = false, bool capable = true)
    {
        var user = Guid.NewGuid();
        PolicyWorld.Ok(_directory.GrantToUser(PolicyTypes.TeamsEnhancedEncryptionPolicy, user, policy));
        if (setting != E2eeUserSetting.Unset)
        {
            PolicyWorld.Ok(_directory.E2ee.SetE2eeCallSetting(user, setting));
        }

        if (recorded)
        {
            PolicyWorld.Ok(_directory.GrantToUser(PolicyTypes.TeamsComplianceRecordingPolicy, user, "Recorded"));
        }

        return new E2eeParty(name, _directory.E2ee.EffectiveE2eeCallSetting(user), capable);
    }

    /// <summary>A user who turned E2EE on and whose device can do it.</summary>
    public E2eeParty Willing(string name) => Party(name, "DisabledUserOverride", E2eeUserSetting.On);
}
