using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Questions;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Tests.Policies;

public class FederationAndGuestQuestionsTests
{
    private readonly PolicyWorld _world = new();

    private PolicyDirectory Directory => _world.Directory;

    private void Tenant(params (string Name, string Value)[] values) => PolicyWorld.Ok(Directory.Set(
        PolicyTypes.TenantFederationConfiguration, "Global", values.ToDictionary(v => v.Name, v => (string?)v.Value)));

    private void UserPolicy(params (string Name, string Value)[] values)
    {
        PolicyWorld.Ok(Directory.New(PolicyTypes.ExternalAccessPolicy, "Ext", values.ToDictionary(v => v.Name, v => (string?)v.Value)));
        PolicyWorld.Ok(Directory.GrantToUser(PolicyTypes.ExternalAccessPolicy, _world.User, "Ext"));
    }

    [Fact]
    public void Defaults_AllowEveryKnownDomain() =>
        Assert.Equal(new FederationAnswer(true, FederationReason.Allowed), Directory.Federation.CanCommunicateWith(_world.User, "fabrikam.com"));

    [Fact]
    public void TenantSwitchOff_WinsOverUserPolicy()
    {
        Tenant(("AllowFederatedUsers", "False"));
        UserPolicy(("CommunicationWithExternalOrgs", "AllowAllExternalDomains"));
        Assert.Equal(FederationReason.TenantFederationOff, Directory.Federation.CanCommunicateWith(_world.User, "fabrikam.com").Reason);
    }

    [Fact]
    public void BlockedDomains_HonouredWithAllowAllKnownDomains()
    {
        Tenant(("BlockedDomains", "evil.example"));
        Assert.Equal(FederationReason.TenantBlockedDomain, Directory.Federation.CanCommunicateWith(_world.User, "EVIL.example").Reason);
        Assert.True(Directory.Federation.CanCommunicateWith(_world.User, "good.example").Allowed);
    }

    [Fact]
    public void BlockedDomains_IgnoredWithAnAllowList()
    {
        Tenant(("AllowedDomains", "evil.example,partner.example"), ("BlockedDomains", "evil.example"));
        Assert.True(Directory.Federation.CanCommunicateWith(_world.User, "evil.example").Allowed);
        Assert.Equal(FederationReason.TenantDomainNotAllowed, Directory.Federation.CanCommunicateWith(_world.User, "other.example").Reason);
    }

    [Theory]
    [InlineData("AllowAllExternalDomains", "outside.example", true, FederationReason.Allowed)]
    [InlineData("AllowSpecificExternalDomains", "outside.example", false, FederationReason.UserDomainNotAllowed)]
    [InlineData("AllowSpecificExternalDomains", "friend.example", true, FederationReason.Allowed)]
    [InlineData("BlockSpecificExternalDomains", "foe.example", false, FederationReason.UserBlockedDomain)]
    [InlineData("BlockSpecificExternalDomains", "partner.example", true, FederationReason.Allowed)]
    [InlineData("BlockSpecificExternalDomains", "outside.example", false, FederationReason.TenantDomainNotAllowed)]
    [InlineData("BlockAllExternalDomains", "partner.example", false, FederationReason.UserFederationOff)]
    [InlineData("OrganizationDefault", "partner.example", true, FederationReason.Allowed)]
    [InlineData("OrganizationDefault", "outside.example", false, FederationReason.TenantDomainNotAllowed)]
    public void UserPolicy_NarrowsOrReplacesTenantLists(string mode, string domain, bool allowed, FederationReason reason)
    {
        Tenant(("AllowedDomains", "partner.example,foe.example"));
        UserPolicy(("CommunicationWithExternalOrgs", mode), ("AllowedExternalDomains", "friend.example"), ("BlockedExternalDomains", "foe.example"));
        Assert.Equal(new FederationAnswer(allowed, reason), Directory.Federation.CanCommunicateWith(_world.User, domain));
    }

    [Fact]
    public void EnableFederationAccessFalse_BlocksTheUser()
    {
        UserPolicy(("EnableFederationAccess", "False"));
        Assert.Equal(FederationReason.UserFederationOff, Directory.Federation.CanCommunicateWith(_world.User, "fabrikam.com").Reason);
        Assert.True(Directory.Federation.IsDomainAllowedForTenant("fabrikam.com").Allowed);
    }

    [Fact]
    public void GuestSettings_HaveTeamsDefaultsAndFollowSet()
    {
        Assert.True(Directory.Guests.AreGuestsAllowed);
        Assert.True(Directory.Guests.MayGuestsCallPrivately);
        Assert.True(Directory.Guests.MayGuestsSendVideo);
        Assert.Equal(ScreenSharingMode.EntireScreen, Directory.Guests.GuestScreenSharing);
        Assert.False(Directory.Guests.MayGuestMeetingsBeTranscribed);

        PolicyWorld.Ok(Directory.Set(PolicyTypes.TeamsClientConfiguration, "Global", new Dictionary<string, string?> { ["AllowGuestUser"] = "False" }));
        PolicyWorld.Ok(Directory.Set(PolicyTypes.TeamsGuestCallingConfiguration, "Global", new Dictionary<string, string?> { ["AllowPrivateCalling"] = "False" }));
        PolicyWorld.Ok(Directory.Set(PolicyTypes.TeamsGuestMeetingConfiguration, "Global", new Dictionary<string, string?>
        {
            ["AllowIPVideo"] = "False",
            ["ScreenSharingMode"] = "Disabled",
            ["AllowMeetNow"] = "False",
            ["AllowTranscription"] = "True",
        }));

        Assert.False(Directory.Guests.AreGuestsAllowed);
        Assert.False(Directory.Guests.MayGuestsCallPrivately);
        Assert.False(Directory.Guests.MayGuestsSendVideo);
        Assert.Equal(ScreenSharingMode.Disabled, Directory.Guests.GuestScreenSharing);
        Assert.False(Directory.Guests.MayGuestsMeetNow);
        Assert.True(Directory.Guests.MayGuestMeetingsBeTranscribed);
    }

    [Fact]
    public void MeetingQuestions_AnswerFromTheUsersEffectivePolicy()
    {
        Assert.Equal(AutoAdmittedUsers.EveryoneInCompany, Directory.Meetings.WhoBypassesLobby(_world.User));
        Assert.True(Directory.Meetings.CanRecordInCloud(_world.User));

        PolicyWorld.Ok(Directory.New(PolicyTypes.TeamsMeetingPolicy, "Strict", new Dictionary<string, string?>
        {
            ["AutoAdmittedUsers"] = "OrganizerOnly",
            ["AllowCloudRecording"] = "False",
            ["AllowTranscription"] = "True",
            ["AllowMeetNow"] = "False",
            ["AllowPrivateMeetingScheduling"] = "False",
            ["AllowPSTNUsersToBypassLobby"] = "True",
            ["AllowAnonymousUsersToJoinMeeting"] = "False",
            ["DesignatedPresenterRoleMode"] = "OrganizerOnlyUserOverride",
            ["AllowExternalParticipantGiveRequestControl"] = "True",
        }));
        PolicyWorld.Ok(Directory.GrantToGroup(PolicyTypes.TeamsMeetingPolicy, _world.G1, "Legal", "Strict"));
        _world.Member(_world.G1);

        Assert.Equal(AutoAdmittedUsers.OrganizerOnly, Directory.Meetings.WhoBypassesLobby(_world.User));
        Assert.False(Directory.Meetings.CanRecordInCloud(_world.User));
        Assert.True(Directory.Meetings.CanTranscribe(_world.User));
        Assert.False(Directory.Meetings.CanMeetNow(_world.User));
        Assert.False(Directory.Meetings.CanSchedulePrivateMeetings(_world.User));
        Assert.True(Directory.Meetings.MayPstnCallersBypassLobby(_world.User));
        Assert.False(Directory.Meetings.MayAnonymousUsersJoin(_world.User));
        Assert.Equal(DesignatedPresenterRoleMode.OrganizerOnlyUserOverride, Directory.Meetings.DefaultPresenters(_world.User));
        Assert.True(Directory.Meetings.MayExternalParticipantsGiveOrRequestControl(_world.User));
    }
}
