using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Directory;
using Conclave.Domain.Teams;

namespace Conclave.Domain.Tests.Teams;

/// <summary>Names, roles and the last-owner rule of teams and channels.</summary>
public sealed class TeamRulesTests
{
    [Theory]
    [InlineData("  Launch  ", "Launch")]
    [InlineData("Équipe 🚀", "Équipe 🚀")]
    public void TeamName_IsTrimmed(string name, string expected) => Assert.Equal(expected, TeamText.TeamName(name).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("tab\there")]
    public void TeamName_EmptyOrControlOrLoneSurrogate_IsRefused(string? name) =>
        Assert.Equal(ErrorCodes.Team.InvalidName, TeamText.TeamName(name).Error!.Code);

    [Fact]
    public void Names_WithALoneSurrogate_AreRefused()
    {
        // Built here: test data passed through attributes is re-encoded, which replaces a lone surrogate.
        var lone = new string([(char)0xD800, 'a']);
        Assert.Equal(ErrorCodes.Team.InvalidName, TeamText.TeamName(lone).Error!.Code);
        Assert.Equal(ErrorCodes.Team.InvalidDescription, TeamText.Description(lone).Error!.Code);
    }

    [Fact]
    public void TeamName_LongerThan256_IsRefused()
    {
        Assert.True(TeamText.TeamName(new string('x', 256)).IsSuccess);
        Assert.Equal(ErrorCodes.Team.InvalidName, TeamText.TeamName(new string('x', 257)).Error!.Code);
    }

    [Theory]
    [InlineData("a#b")]
    [InlineData("a/b")]
    [InlineData("a..b")]
    [InlineData("_hidden")]
    [InlineData(".dot")]
    [InlineData("end.")]
    [InlineData("GENERAL")]
    [InlineData("012345678901234567890123456789012345678901234567890")]
    public void ChannelName_TeamsRefusals(string name) => Assert.Equal(ErrorCodes.Team.InvalidName, TeamText.ChannelName(name).Error!.Code);

    [Fact]
    public void Description_EmptyIsNone_LineBreaksAllowed_TooLongRefused()
    {
        Assert.Null(TeamText.Description("  ").Value);
        Assert.Equal("one\ntwo", TeamText.Description("one\ntwo").Value);
        Assert.Equal(ErrorCodes.Team.InvalidDescription, TeamText.Description(new string('d', 1025)).Error!.Code);
    }

    [Fact]
    public void Roles_AGuestIsAlwaysAGuest_AndAMemberNeverOne()
    {
        Assert.Equal(TeamRole.Guest, TeamRoles.For(UserKind.Guest, null).Value);
        Assert.Equal(ErrorCodes.Team.InvalidRole, TeamRoles.For(UserKind.Guest, TeamRoleNames.Owner).Error!.Code);
        Assert.Equal(TeamRole.Member, TeamRoles.For(UserKind.Member, null).Value);
        Assert.Equal(TeamRole.Owner, TeamRoles.For(UserKind.Member, TeamRoleNames.Owner).Value);
        Assert.Equal(ErrorCodes.Team.InvalidRole, TeamRoles.For(UserKind.Member, TeamRoleNames.Guest).Error!.Code);
        Assert.Equal(ErrorCodes.Team.InvalidRole, TeamRoles.For(UserKind.Member, "owner").Error!.Code);
        Assert.Equal(ErrorCodes.Team.InvalidRole, TeamRoles.ForChannel(UserKind.Guest, TeamRoleNames.Owner).Error!.Code);
    }

    [Fact]
    public void MayJoin_EnabledMembers_AndGuestsOnlyWhenTheTenantAllowsThem()
    {
        Assert.Null(TeamRoles.CheckMayJoin("a@x.test", UserKind.Member, enabled: true, guestsAllowed: false));
        Assert.Null(TeamRoles.CheckMayJoin("g@x.test", UserKind.Guest, enabled: true, guestsAllowed: true));
        Assert.Equal(ErrorCodes.Team.GuestsNotAllowed, TeamRoles.CheckMayJoin("g@x.test", UserKind.Guest, enabled: true, guestsAllowed: false)!.Code);
        Assert.Equal(ErrorCodes.Team.UserNotAllowed, TeamRoles.CheckMayJoin("a@x.test", UserKind.Member, enabled: false, guestsAllowed: true)!.Code);
        Assert.Equal(ErrorCodes.Team.UserNotAllowed, TeamRoles.CheckMayJoin("f@x.test", UserKind.Federated, enabled: true, guestsAllowed: true)!.Code);
    }

    [Fact]
    public void LastOwner_StaysAnOwner()
    {
        Assert.Equal(ErrorCodes.Team.LastOwner, TeamRoles.CheckOwnerLeaves(["a"], "a")!.Code);
        Assert.Null(TeamRoles.CheckOwnerLeaves(["a", "b"], "a"));
        Assert.Null(TeamRoles.CheckOwnerLeaves(["a"], "b"));
    }
}
