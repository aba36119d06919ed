using Conclave.Contracts.Errors;
using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Questions;
using Conclave.Domain.Policies.Schema;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Domain.Tests.Policies;

public class ExplanationAndStateTests
{
    private readonly PolicyWorld _world = new();

    private PolicyDirectory Directory => _world.Directory;

    private void Arrange()
    {
        PolicyWorld.Ok(Directory.Set(PolicyWorld.Type, "Tag:B", new Dictionary<string, string?> { ["CallingEndtoEndEncryptionEnabledType"] = "EnabledUserOverride" }));
        PolicyWorld.Ok(Directory.GrantToGroup(PolicyWorld.Type, _world.G1, "Finance", "B"));
        PolicyWorld.Ok(Directory.GrantToGroup(PolicyWorld.Type, _world.G2, "Sales", "C", 1));
        _world.Member(_world.G1);
        PolicyWorld.Ok(Directory.New(PolicyTypes.TeamsMeetingPolicy, "Z", new Dictionary<string, string?> { ["AllowMeetNow"] = "False" }));
        PolicyWorld.Ok(Directory.GrantToTenant(PolicyTypes.TeamsMeetingPolicy, "Z"));
        PolicyWorld.Ok(Directory.New(PolicyTypes.ExternalAccessPolicy, "X", new Dictionary<string, string?> { ["AllowedExternalDomains"] = "a.example,b.example" }));
        PolicyWorld.Ok(Directory.GrantToUser(PolicyTypes.ExternalAccessPolicy, _world.User, "X"));
        PolicyWorld.Ok(Directory.Set(PolicyTypes.TenantFederationConfiguration, "Global", new Dictionary<string, string?> { ["AllowedDomains"] = "partner.example" }));
        PolicyWorld.Ok(Directory.E2ee.SetE2eeCallSetting(_world.User, E2eeUserSetting.Off));
    }

    [Fact]
    public void Explain_GivesEverySourceAndEveryValue()
    {
        Arrange();

        var explained = Directory.Explain(_world.User).ToDictionary(e => e.PolicyType);

        Assert.Equal(PolicyTypes.Count, explained.Count);
        Assert.Equal("Group: Finance (rank 2): Tag:B", explained["TeamsEnhancedEncryptionPolicy"].Source);
        Assert.Contains(KeyValuePair.Create("CallingEndtoEndEncryptionEnabledType", "EnabledUserOverride"), explained["TeamsEnhancedEncryptionPolicy"].Values);
        Assert.Equal("TenantDefault: Tag:Z", explained["TeamsMeetingPolicy"].Source);
        Assert.Contains(KeyValuePair.Create("AllowMeetNow", "False"), explained["TeamsMeetingPolicy"].Values);
        Assert.Equal("Direct: Tag:X", explained["ExternalAccessPolicy"].Source);
        Assert.Contains(KeyValuePair.Create("AllowedExternalDomains", "a.example,b.example"), explained["ExternalAccessPolicy"].Values);
        Assert.Equal("Global", explained["TeamsComplianceRecordingPolicy"].Source);
        Assert.Equal("Global", explained["TenantFederationConfiguration"].Source);
        foreach (var e in explained.Values)
        {
            Assert.Equal(PolicyTypes.Find(e.PolicyType)!.Parameters.Length, e.Values.Count);
        }
    }

    [Fact]
    public void State_RoundTrips_ThroughLoad()
    {
        Arrange();
        var state = Directory.ToState();

        var loaded = PolicyWorld.Ok(PolicyDirectory.Load(state, new FakeTimeProvider()));

        Assert.Equal(
            Directory.Explain(_world.User).Select(e => (e.Source, string.Join(";", e.Values))),
            loaded.Explain(_world.User).Select(e => (e.Source, string.Join(";", e.Values))));
        Assert.Equal("Sales", loaded.GetGroupAssignments(PolicyWorld.Type)[0].GroupName);
        Assert.Equal(E2eeUserSetting.Off, loaded.GetE2eeCallSetting(_world.User));
        Assert.Equal([_world.G1], loaded.GetUserGroups(_world.User));
        Assert.Equal(Directory.GetAll(PolicyWorld.Type).Count, loaded.GetAll(PolicyWorld.Type).Count);
    }

    [Fact]
    public void Load_BadStoredValue_IsRefusedWithTheSameError()
    {
        var state = new PolicyDirectoryState(
            [new PolicyRecord("TeamsMeetingPolicy", "Tag:Bad", new Dictionary<string, string> { ["AutoAdmittedUsers"] = "Nobody" })],
            [],
            [],
            []);

        var result = PolicyDirectory.Load(state, new FakeTimeProvider());

        Assert.Equal(ErrorCodes.Policy.InvalidValue, result.Error?.Code);
    }

    [Fact]
    public void Load_AssignmentToMissingPolicy_IsRefused()
    {
        var state = new PolicyDirectoryState([], [new GroupAssignmentRecord("TeamsMeetingPolicy", Guid.NewGuid(), "G", "Tag:Gone", 1)], [], []);
        Assert.Equal(ErrorCodes.Policy.NotFound, PolicyDirectory.Load(state, new FakeTimeProvider()).Error?.Code);
    }

    [Fact]
    public void Load_UnknownType_IsRefused()
    {
        var state = new PolicyDirectoryState([new PolicyRecord("TeamsMessagingPolicy", "Global", new Dictionary<string, string>())], [], [], []);
        Assert.Equal(ErrorCodes.Policy.UnknownType, PolicyDirectory.Load(state, new FakeTimeProvider()).Error?.Code);
    }
}
