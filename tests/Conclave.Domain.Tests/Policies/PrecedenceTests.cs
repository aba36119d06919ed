using Conclave.Contracts.Errors;
using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Assignment;

namespace Conclave.Domain.Tests.Policies;

public class PrecedenceTests
{
    public static TheoryData<string, Action<PolicyWorld>, string> Cases => new()
    {
        { "nothing granted", w => { }, "Global" },
        { "tenant default", w => w.Tenant("C"), "TenantDefault: Tag:C" },
        { "tenant default cleared with null", w => { w.Tenant("C"); w.Tenant(null); }, "Global" },
        { "tenant default cleared with Global", w => { w.Tenant("C"); w.Tenant("Global"); }, "Global" },
        { "group beats tenant default", w => { w.Tenant("C"); w.Group(w.G1, "B"); w.Member(w.G1); }, "Group: G1 (rank 1): Tag:B" },
        { "direct beats group and tenant", w => { w.Tenant("C"); w.Group(w.G1, "B"); w.Member(w.G1); w.Direct("A"); }, "Direct: Tag:A" },
        { "best rank among the user's groups", w => { w.Group(w.G1, "B", 1); w.Group(w.G2, "C", 2); w.Member(w.G2, w.G1); }, "Group: G1 (rank 1): Tag:B" },
        { "only groups the user is in count", w => { w.Group(w.G1, "B", 1); w.Group(w.G2, "C", 2); w.Member(w.G2); }, "Group: G2 (rank 2): Tag:C" },
        { "a group without assignment falls through", w => { w.Tenant("D"); w.Group(w.G1, "B"); w.Member(w.G4); }, "TenantDefault: Tag:D" },
        { "no rank means last", w => { w.Group(w.G1, "B"); w.Group(w.G2, "C"); w.Member(w.G2); }, "Group: G2 (rank 2): Tag:C" },
        { "insert at rank 1 renumbers the others", w => { w.Group(w.G1, "B"); w.Group(w.G2, "C"); w.Group(w.G3, "D", 1); w.Member(w.G1, w.G3); }, "Group: G3 (rank 1): Tag:D" },
        { "renumbered group keeps winning over later ones", w => { w.Group(w.G1, "B"); w.Group(w.G2, "C"); w.Group(w.G3, "D", 1); w.Member(w.G1, w.G2); }, "Group: G1 (rank 2): Tag:B" },
        { "rank past the end means last", w => { w.Group(w.G1, "B"); w.Group(w.G2, "C", 40); w.Member(w.G2); }, "Group: G2 (rank 2): Tag:C" },
        { "unassign direct falls back to group", w => { w.Group(w.G1, "B"); w.Member(w.G1); w.Direct("A"); w.Direct(null); }, "Group: G1 (rank 1): Tag:B" },
        { "direct grant of Global unassigns", w => { w.Tenant("C"); w.Direct("A"); w.Direct("Global"); }, "TenantDefault: Tag:C" },
        { "group assignment removed falls to next group", w => { w.Group(w.G1, "B"); w.Group(w.G2, "C"); w.Member(w.G1, w.G2); PolicyWorld.Ok(w.Directory.RemoveGroupAssignment(PolicyWorld.Type, w.G1)); }, "Group: G2 (rank 1): Tag:C" },
        { "group assignment removed with null name", w => { w.Tenant("E"); w.Group(w.G1, "B"); w.Member(w.G1); w.Group(w.G1, null); }, "TenantDefault: Tag:E" },
        { "user removed from group", w => { w.Tenant("E"); w.Group(w.G1, "B"); w.Member(w.G1); w.Directory.RemoveUserFromGroup(w.User, w.G1); }, "TenantDefault: Tag:E" },
        { "user added to group later", w => { w.Group(w.G2, "C"); w.Member(w.G1); w.Directory.AddUserToGroup(w.User, w.G2); }, "Group: G2 (rank 1): Tag:C" },
        { "group deleted", w => { w.Group(w.G1, "B"); w.Group(w.G2, "C"); w.Member(w.G1, w.G2); w.Directory.RemoveGroup(w.G1); }, "Group: G2 (rank 1): Tag:C" },
        { "regrant to same group keeps its rank", w => { w.Group(w.G1, "B"); w.Group(w.G2, "C"); w.Group(w.G1, "D"); w.Member(w.G1); }, "Group: G1 (rank 1): Tag:D" },
        { "regrant to same group with a rank moves it", w => { w.Group(w.G1, "B"); w.Group(w.G2, "C"); w.Group(w.G1, "B", 2); w.Member(w.G1, w.G2); }, "Group: G2 (rank 1): Tag:C" },
        { "renamed group shows its new name", w => { w.Group(w.G1, "B"); w.Member(w.G1); w.Directory.RenameGroup(w.G1, "Finance"); }, "Group: Finance (rank 1): Tag:B" },
        { "policy names are case-insensitive", w => w.Direct("tag:a"), "Direct: Tag:A" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolve_FollowsTeamsPrecedence(string description, Action<PolicyWorld> arrange, string expected)
    {
        var world = new PolicyWorld();
        arrange(world);
        Assert.True(expected == world.Source, $"{description}: expected '{expected}', got '{world.Source}'");
    }

    [Fact]
    public void GrantToGroup_InsertAtExistingRank_RenumbersOthersDown()
    {
        var w = new PolicyWorld();
        w.Group(w.G1, "A");
        w.Group(w.G2, "B");
        w.Group(w.G3, "C");
        w.Group(w.G4, "D", 2);
        Assert.Equal("G1=1:A,G4=2:D,G2=3:B,G3=4:C", w.Ranks);
    }

    [Fact]
    public void RemoveGroupAssignment_ClosesTheGap()
    {
        var w = new PolicyWorld();
        w.Group(w.G1, "A");
        w.Group(w.G2, "B");
        w.Group(w.G3, "C");
        PolicyWorld.Ok(w.Directory.RemoveGroupAssignment(PolicyWorld.Type, w.G2));
        Assert.Equal("G1=1:A,G3=2:C", w.Ranks);
    }

    [Fact]
    public void GrantToGroup_65thAssignment_IsRefusedAndNothingChanges()
    {
        var w = new PolicyWorld();
        for (var i = 0; i < PolicyDirectory.MaxGroupAssignmentsPerType; i++)
        {
            PolicyWorld.Ok(w.Directory.GrantToGroup(PolicyWorld.Type, Guid.NewGuid(), $"g{i}", "A"));
        }

        var before = w.Ranks;
        var refused = w.Directory.GrantToGroup(PolicyWorld.Type, w.G1, "G1", "B", 1);

        Assert.Equal(ErrorCodes.Policy.TooManyGroupAssignments, refused.Error?.Code);
        Assert.Equal(before, w.Ranks);
        Assert.Equal(PolicyDirectory.MaxGroupAssignmentsPerType, w.Directory.GetGroupAssignments(PolicyWorld.Type).Length);
    }

    [Fact]
    public void GrantToGroup_ReplacingAtTheLimit_IsAccepted()
    {
        var w = new PolicyWorld();
        w.Group(w.G1, "A");
        for (var i = 1; i < PolicyDirectory.MaxGroupAssignmentsPerType; i++)
        {
            PolicyWorld.Ok(w.Directory.GrantToGroup(PolicyWorld.Type, Guid.NewGuid(), $"g{i}", "A"));
        }

        w.Group(w.G1, "B");
        w.Member(w.G1);
        Assert.Equal("Group: G1 (rank 1): Tag:B", w.Source);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void GrantToGroup_RankBelowOne_IsRefused(int rank)
    {
        var w = new PolicyWorld();
        var refused = w.Directory.GrantToGroup(PolicyWorld.Type, w.G1, "G1", "A", rank);
        Assert.Equal(ErrorCodes.Policy.InvalidRank, refused.Error?.Code);
        Assert.Empty(w.Directory.GetGroupAssignments(PolicyWorld.Type));
    }

    [Fact]
    public void Grant_UnknownPolicy_IsRefusedWithNotFound()
    {
        var w = new PolicyWorld();
        Assert.Equal(ErrorCodes.Policy.NotFound, w.Directory.GrantToUser(PolicyWorld.Type, w.User, "Nope").Error?.Code);
        Assert.Equal(ErrorCodes.Policy.NotFound, w.Directory.GrantToGroup(PolicyWorld.Type, w.G1, "G1", "Nope").Error?.Code);
        Assert.Equal(ErrorCodes.Policy.NotFound, w.Directory.GrantToTenant(PolicyWorld.Type, "Nope").Error?.Code);
        Assert.Equal("Global", w.Source);
    }

    [Fact]
    public void Resolve_PerType_IsIndependent()
    {
        var w = new PolicyWorld();
        PolicyWorld.Ok(w.Directory.New(Domain.Policies.Schema.PolicyTypes.TeamsMeetingPolicy, "M", PolicyWorld.NoParameters));
        PolicyWorld.Ok(w.Directory.GrantToUser(Domain.Policies.Schema.PolicyTypes.TeamsMeetingPolicy, w.User, "M"));

        Assert.Equal(PolicySource.Direct, w.Directory.Resolve(w.User, Domain.Policies.Schema.PolicyTypes.TeamsMeetingPolicy).Source);
        Assert.Equal(PolicySource.Global, w.Directory.Resolve(w.User, PolicyWorld.Type).Source);
    }

    [Fact]
    public void RemoveUser_ForgetsGrantsAndMemberships()
    {
        var w = new PolicyWorld();
        w.Group(w.G1, "B");
        w.Member(w.G1);
        w.Direct("A");
        w.Directory.RemoveUser(w.User);
        Assert.Equal("Global", w.Source);
        Assert.Empty(w.Directory.GetUserGroups(w.User));
    }

    [Fact]
    public void UsersAffectedBy_GroupGrant_IsTheGroupsMembers()
    {
        var w = new PolicyWorld();
        var other = Guid.NewGuid();
        w.Member(w.G1);
        w.Directory.SetUserGroups(other, [w.G2]);
        var change = PolicyWorld.Ok(w.Directory.GrantToGroup(PolicyWorld.Type, w.G1, "G1", "A"));
        Assert.Equal([w.User], w.Directory.UsersAffectedBy(change));
    }
}
