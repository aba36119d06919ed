using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Tests.Policies;

public class PolicyLifecycleTests
{
    private static readonly PolicyType Meeting = PolicyTypes.TeamsMeetingPolicy;
    private readonly PolicyWorld _world = new();

    private PolicyDirectory Directory => _world.Directory;

    [Fact]
    public void New_StartsFromDefaultsPlusGivenValues()
    {
        var change = PolicyWorld.Ok(Directory.New(Meeting, "Tag:NoRecording", new Dictionary<string, string?> { ["AllowCloudRecording"] = "False" }));

        var policy = Directory.Get(Meeting, "NoRecording").Value;
        Assert.False(policy.GetBoolean(Meeting.FindParameter("AllowCloudRecording")!));
        Assert.True(policy.GetBoolean(Meeting.FindParameter("AllowMeetNow")!));
        Assert.Equal(PolicyChangeKind.PolicyCreated, change.Kind);
        Assert.Empty(change.Before);
        Assert.Equal("False", change.After["AllowCloudRecording"]);
        Assert.Equal("Tag:NoRecording", change.After["Identity"]);
        Assert.Equal(_world.Time.GetUtcNow(), change.At);
    }

    [Theory]
    [InlineData("Tag:A")]
    [InlineData("a")]
    [InlineData("Global")]
    public void New_ExistingIdentity_IsRefusedWithExists(string identity)
    {
        var result = Directory.New(PolicyWorld.Type, identity, PolicyWorld.NoParameters);
        Assert.Equal(ErrorCodes.Policy.Exists, result.Error?.Code);
        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
    }

    [Theory]
    [InlineData("Tag:Has Space")]
    [InlineData("Tag:")]
    [InlineData("")]
    [InlineData("a:b")]
    public void New_InvalidIdentity_IsRefused(string identity) =>
        Assert.Equal(ErrorCodes.Policy.InvalidIdentity, Directory.New(Meeting, identity, PolicyWorld.NoParameters).Error?.Code);

    [Fact]
    public void New_BadValue_CreatesNothing()
    {
        var result = Directory.New(Meeting, "Broken", new Dictionary<string, string?> { ["AutoAdmittedUsers"] = "Nobody" });
        Assert.Equal(ErrorCodes.Policy.InvalidValue, result.Error?.Code);
        Assert.Equal(ErrorCodes.Policy.NotFound, Directory.Get(Meeting, "Broken").Error?.Code);
    }

    [Fact]
    public void New_OnTenantConfiguration_IsNotSupported() =>
        Assert.Equal(
            ErrorCodes.Policy.NotSupported,
            Directory.New(PolicyTypes.TenantFederationConfiguration, "Tag:X", PolicyWorld.NoParameters).Error?.Code);

    [Fact]
    public void Set_MissingPolicy_IsNotFound() =>
        Assert.Equal(ErrorCodes.Policy.NotFound, Directory.Set(Meeting, "Tag:Missing", PolicyWorld.NoParameters).Error?.Code);

    [Fact]
    public void Set_RecordsBeforeAndAfter()
    {
        var change = PolicyWorld.Ok(Directory.Set(
            PolicyWorld.Type, "Tag:A", new Dictionary<string, string?> { ["CallingEndtoEndEncryptionEnabledType"] = "Required", ["Description"] = "board" }));

        Assert.Equal(PolicyChangeKind.PolicyUpdated, change.Kind);
        Assert.Equal("Disabled", change.Before["CallingEndtoEndEncryptionEnabledType"]);
        Assert.Equal("Required", change.After["CallingEndtoEndEncryptionEnabledType"]);
        Assert.Equal("board", change.After["Description"]);
        Assert.Equal(PolicyIdentity.Tag("A"), change.Policy);
    }

    [Fact]
    public void Set_OnAssignedPolicy_ReachesUsersWithoutRegrant()
    {
        _world.Direct("A");
        PolicyWorld.Ok(Directory.Set(PolicyWorld.Type, "A", new Dictionary<string, string?> { ["CallingEndtoEndEncryptionEnabledType"] = "Required" }));
        Assert.Equal(Domain.Policies.Questions.E2eeMode.Required, Directory.E2ee.CallingModeFor(_world.User).Mode);
    }

    [Fact]
    public void Remove_Global_ResetsToDefaults()
    {
        PolicyWorld.Ok(Directory.Set(Meeting, "Global", new Dictionary<string, string?> { ["AllowMeetNow"] = "False", ["AutoAdmittedUsers"] = "Everyone" }));

        var change = PolicyWorld.Ok(Directory.Remove(Meeting, "Global"));

        Assert.Equal(PolicyChangeKind.PolicyReset, change.Kind);
        Assert.Equal("False", change.Before["AllowMeetNow"]);
        Assert.Equal("True", change.After["AllowMeetNow"]);
        var global = Directory.Get(Meeting, "Global").Value;
        Assert.Equal(AutoAdmittedUsers.EveryoneInCompany, global.GetEnum<AutoAdmittedUsers>(Meeting.FindParameter("AutoAdmittedUsers")!));
        Assert.Equal(2, Directory.GetAll(PolicyWorld.Type).Count(p => p.Identity.IsGlobal || p.Identity.Name == "A"));
    }

    [Fact]
    public void Remove_TenantConfiguration_ResetsToDefaults()
    {
        PolicyWorld.Ok(Directory.Set(PolicyTypes.TenantFederationConfiguration, "Global", new Dictionary<string, string?> { ["AllowedDomains"] = "contoso.com" }));
        PolicyWorld.Ok(Directory.Remove(PolicyTypes.TenantFederationConfiguration, "Global"));
        Assert.Equal("AllowAllKnownDomains", Directory.Get(PolicyTypes.TenantFederationConfiguration, "Global").Value.Describe().Single(kv => kv.Key == "AllowedDomains").Value);
    }

    [Fact]
    public void Remove_UnassignedCustomPolicy_RemovesIt()
    {
        var change = PolicyWorld.Ok(Directory.Remove(PolicyWorld.Type, "Tag:E"));
        Assert.Equal(PolicyChangeKind.PolicyRemoved, change.Kind);
        Assert.Empty(change.After);
        Assert.Equal(ErrorCodes.Policy.NotFound, Directory.Get(PolicyWorld.Type, "E").Error?.Code);
    }

    [Fact]
    public void Remove_MissingPolicy_IsNotFound() =>
        Assert.Equal(ErrorCodes.Policy.NotFound, Directory.Remove(PolicyWorld.Type, "Tag:Missing").Error?.Code);

    public static TheoryData<string, Action<PolicyWorld>, string> AssignedWays => new()
    {
        { "directly", w => w.Direct("A"), "1 user(s) directly, 0 group assignment(s))" },
        { "to a group", w => w.Group(w.G1, "A"), "0 user(s) directly, 1 group assignment(s))" },
        { "as tenant default", w => w.Tenant("A"), "0 user(s) directly, 0 group assignment(s), the tenant default)" },
    };

    [Theory]
    [MemberData(nameof(AssignedWays))]
    public void Remove_AssignedPolicy_IsRefusedUntilUnassigned(string how, Action<PolicyWorld> assign, string counts)
    {
        assign(_world);

        var refused = Directory.Remove(PolicyWorld.Type, "Tag:A");

        Assert.True(refused.Error?.Code == ErrorCodes.Policy.InUse, how);
        Assert.Contains(counts, refused.Error!.Message, StringComparison.Ordinal);
        Assert.True(Directory.Get(PolicyWorld.Type, "A").IsSuccess);
    }

    [Fact]
    public void Remove_AfterUnassigning_Succeeds()
    {
        _world.Direct("A");
        _world.Direct(null);
        Assert.True(Directory.Remove(PolicyWorld.Type, "Tag:A").IsSuccess);
    }

    [Fact]
    public void GetAll_ListsGlobalFirstThenByName()
    {
        var names = Directory.GetAll(PolicyWorld.Type).Select(p => p.Identity.ToString());
        Assert.Equal(["Global", "Tag:A", "Tag:B", "Tag:C", "Tag:D", "Tag:E"], names);
    }

    [Fact]
    public void Grant_OnTenantConfiguration_IsNotSupported() =>
        Assert.Equal(
            ErrorCodes.Policy.NotSupported,
            Directory.GrantToUser(PolicyTypes.TeamsClientConfiguration, _world.User, "Global").Error?.Code);

    [Fact]
    public void GrantToUser_RecordsBeforeAndAfter()
    {
        _world.Direct("A");
        var change = PolicyWorld.Ok(Directory.GrantToUser(PolicyWorld.Type, _world.User, "B"));

        Assert.Equal(PolicyChangeKind.UserGranted, change.Kind);
        Assert.Equal("Tag:A", change.Before["PolicyName"]);
        Assert.Equal("Tag:B", change.After["PolicyName"]);
        Assert.Equal(_world.User, change.User);
    }

    [Fact]
    public void GrantToGroup_RecordsRankAndGroup()
    {
        _world.Group(_world.G1, "A");
        var change = PolicyWorld.Ok(Directory.GrantToGroup(PolicyWorld.Type, _world.G2, "Finance", "B", 1));

        Assert.Equal(PolicyChangeKind.GroupGranted, change.Kind);
        Assert.Equal("1", change.After["Rank"]);
        Assert.Equal("Finance", change.After["GroupName"]);
        Assert.Equal(_world.G2, change.Group);
    }
}
