using Conclave.Contracts.Errors;
using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Schema;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Domain.Tests.Policies;

public class PolicyValidationTests
{
    private readonly PolicyDirectory _directory = new(new FakeTimeProvider());

    private static Dictionary<string, string?> Params(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    [Fact]
    public void Set_BadEnumValue_AnswersLikePowerShellAndChangesNothing()
    {
        var before = _directory.Get(PolicyTypes.TeamsEnhancedEncryptionPolicy, "Global").Value.Describe();

        var result = _directory.Set(
            PolicyTypes.TeamsEnhancedEncryptionPolicy,
            "Global",
            Params(("MeetingEndToEndEncryption", "DisabledUserOverride"), ("CallingEndtoEndEncryptionEnabledType", "Foo")));

        Assert.Equal(ErrorCodes.Policy.InvalidValue, result.Error?.Code);
        Assert.Equal(
            "Cannot bind parameter 'CallingEndtoEndEncryptionEnabledType'. Cannot convert value \"Foo\" to type \"EnhancedEncryptionMode\". Valid values are: Disabled, DisabledUserOverride, EnabledUserOverride, Required.",
            result.Error?.Message);
        Assert.Equal(before, _directory.Get(PolicyTypes.TeamsEnhancedEncryptionPolicy, "Global").Value.Describe());
    }

    [Fact]
    public void Set_UnknownParameter_IsRefusedAndChangesNothing()
    {
        var result = _directory.Set(
            PolicyTypes.TeamsMeetingPolicy, "Global", Params(("AllowMeetNow", "False"), ("AllowTeleportation", "True")));

        Assert.Equal(ErrorCodes.Policy.UnknownParameter, result.Error?.Code);
        Assert.Contains("'AllowTeleportation'", result.Error?.Message, StringComparison.Ordinal);
        Assert.True(_directory.Get(PolicyTypes.TeamsMeetingPolicy, "Global").Value.GetBoolean(PolicyTypes.TeamsMeetingPolicy.FindParameter("AllowMeetNow")!));
    }

    [Fact]
    public void Set_TeamsDocumentedExample_TurnsOnUserOverride()
    {
        PolicyWorld.Ok(_directory.Set(
            PolicyTypes.TeamsEnhancedEncryptionPolicy, "Global", Params(("-CallingEndtoEndEncryptionEnabledType", "DisabledUserOverride"))));

        var global = _directory.Get(PolicyTypes.TeamsEnhancedEncryptionPolicy, "Global").Value;
        Assert.Equal(
            EnhancedEncryptionMode.DisabledUserOverride,
            global.GetEnum<EnhancedEncryptionMode>(PolicyTypes.TeamsEnhancedEncryptionPolicy.FindParameter("CallingEndtoEndEncryptionEnabledType")!));
    }

    public static TheoryData<string, string, string> TeamsDefaults => new()
    {
        { "TeamsEnhancedEncryptionPolicy", "CallingEndtoEndEncryptionEnabledType", "Disabled" },
        { "TeamsEnhancedEncryptionPolicy", "MeetingEndToEndEncryption", "Disabled" },
        { "TeamsEnhancedEncryptionPolicy", "Description", "" },
        { "TeamsMeetingPolicy", "AutoAdmittedUsers", "EveryoneInCompany" },
        { "TeamsMeetingPolicy", "AllowPSTNUsersToBypassLobby", "False" },
        { "TeamsMeetingPolicy", "AllowAnonymousUsersToJoinMeeting", "True" },
        { "TeamsMeetingPolicy", "DesignatedPresenterRoleMode", "EveryoneUserOverride" },
        { "TeamsMeetingPolicy", "AllowCloudRecording", "True" },
        { "TeamsMeetingPolicy", "AllowTranscription", "False" },
        { "TeamsMeetingPolicy", "AllowExternalParticipantGiveRequestControl", "False" },
        { "TeamsMeetingPolicy", "AllowMeetNow", "True" },
        { "TeamsMeetingPolicy", "AllowPrivateMeetingScheduling", "True" },
        { "TeamsMeetingPolicy", "Description", "" },
        { "TeamsComplianceRecordingPolicy", "Enabled", "False" },
        { "TeamsComplianceRecordingPolicy", "ComplianceRecordingApplications", "" },
        { "TeamsComplianceRecordingPolicy", "RecordReroutedCalls", "False" },
        { "TeamsComplianceRecordingPolicy", "Description", "" },
        { "ExternalAccessPolicy", "EnableFederationAccess", "True" },
        { "ExternalAccessPolicy", "CommunicationWithExternalOrgs", "OrganizationDefault" },
        { "ExternalAccessPolicy", "AllowedExternalDomains", "" },
        { "ExternalAccessPolicy", "BlockedExternalDomains", "" },
        { "ExternalAccessPolicy", "Description", "" },
        { "TenantFederationConfiguration", "AllowFederatedUsers", "True" },
        { "TenantFederationConfiguration", "AllowedDomains", "AllowAllKnownDomains" },
        { "TenantFederationConfiguration", "BlockedDomains", "" },
        { "TeamsClientConfiguration", "AllowGuestUser", "True" },
        { "TeamsGuestCallingConfiguration", "AllowPrivateCalling", "True" },
        { "TeamsGuestMeetingConfiguration", "AllowIPVideo", "True" },
        { "TeamsGuestMeetingConfiguration", "ScreenSharingMode", "EntireScreen" },
        { "TeamsGuestMeetingConfiguration", "AllowMeetNow", "True" },
        { "TeamsGuestMeetingConfiguration", "AllowTranscription", "False" },
    };

    [Theory]
    [MemberData(nameof(TeamsDefaults))]
    public void Global_StartsWithTeamsDefault(string type, string parameter, string expected)
    {
        var global = _directory.Get(PolicyTypes.Find(type)!, "Global").Value;
        Assert.Contains(KeyValuePair.Create(parameter, expected), global.Describe());
    }

    [Fact]
    public void Schema_EveryParameterHasADefaultCase()
    {
        var covered = TeamsDefaults.Select(row => $"{row[0]}.{row[1]}").ToHashSet();
        var missing = PolicyTypes.All.SelectMany(t => t.Parameters.Select(p => $"{t.Name}.{p.Name}")).Where(d => !covered.Contains(d)).ToList();
        Assert.True(missing.Count == 0, "No default case for: " + string.Join(", ", missing));
    }

    public static TheoryData<string, string, string, string?> GoodValues => new()
    {
        { "TeamsEnhancedEncryptionPolicy", "CallingEndtoEndEncryptionEnabledType", "required", "Required" },
        { "TeamsEnhancedEncryptionPolicy", "MeetingEndToEndEncryption", "EnabledUserOverride", "EnabledUserOverride" },
        { "TeamsEnhancedEncryptionPolicy", "Description", "  E2EE for the board  ", "E2EE for the board" },
        { "TeamsMeetingPolicy", "AutoAdmittedUsers", "OrganizerOnly", "OrganizerOnly" },
        { "TeamsMeetingPolicy", "AllowPSTNUsersToBypassLobby", "$true", "True" },
        { "TeamsMeetingPolicy", "AllowCloudRecording", "0", "False" },
        { "TeamsMeetingPolicy", "AllowMeetNow", "FALSE", "False" },
        { "TeamsMeetingPolicy", "DesignatedPresenterRoleMode", "OrganizerOnlyUserOverride", "OrganizerOnlyUserOverride" },
        { "TeamsComplianceRecordingPolicy", "ComplianceRecordingApplications", "rec-1, rec-2,rec-1", "rec-1,rec-2" },
        { "ExternalAccessPolicy", "CommunicationWithExternalOrgs", "BlockSpecificExternalDomains", "BlockSpecificExternalDomains" },
        { "ExternalAccessPolicy", "AllowedExternalDomains", "Contoso.com, xn--bcher-kva.example", "contoso.com,xn--bcher-kva.example" },
        { "TenantFederationConfiguration", "AllowedDomains", "fabrikam.com,contoso.co.uk", "fabrikam.com,contoso.co.uk" },
        { "TenantFederationConfiguration", "AllowedDomains", "allowallknowndomains", "AllowAllKnownDomains" },
        { "TenantFederationConfiguration", "BlockedDomains", "", "" },
        { "TeamsGuestMeetingConfiguration", "ScreenSharingMode", "SingleApplication", "SingleApplication" },
    };

    [Theory]
    [MemberData(nameof(GoodValues))]
    public void Parse_GoodValue_IsNormalised(string type, string parameter, string input, string? shown)
    {
        var p = PolicyTypes.Find(type)!.FindParameter(parameter)!;
        Assert.True(p.TryParse(input, out var value, out var error), error?.Message);
        Assert.Equal(shown, p.Format(value));
    }

    public static TheoryData<string, string, string, string> BadValues => new()
    {
        { "TeamsEnhancedEncryptionPolicy", "MeetingEndToEndEncryption", "On", "Valid values are: Disabled, DisabledUserOverride, EnabledUserOverride, Required." },
        { "TeamsMeetingPolicy", "AutoAdmittedUsers", "Everybody", "Valid values are: Everyone, EveryoneInSameAndFederatedCompany, EveryoneInCompany, EveryoneInCompanyExcludingGuests, InvitedUsers, OrganizerOnly." },
        { "TeamsMeetingPolicy", "DesignatedPresenterRoleMode", "", "Valid values are: EveryoneUserOverride, EveryoneInCompanyUserOverride, EveryoneInSameAndFederatedCompanyUserOverride, OrganizerOnlyUserOverride." },
        { "TeamsMeetingPolicy", "AllowTranscription", "yes", "Cannot convert value \"yes\" to type \"System.Boolean\". Valid values are: True, False." },
        { "TeamsComplianceRecordingPolicy", "Enabled", "2", "Valid values are: True, False." },
        { "ExternalAccessPolicy", "CommunicationWithExternalOrgs", "AllowSome", "Valid values are: OrganizationDefault, AllowAllExternalDomains, AllowSpecificExternalDomains, BlockSpecificExternalDomains, BlockAllExternalDomains." },
        { "ExternalAccessPolicy", "BlockedExternalDomains", "exa mple.com", "\"exa mple.com\" is not a valid domain name." },
        { "TenantFederationConfiguration", "AllowedDomains", "contoso", "\"contoso\" is not a valid domain name." },
        { "TenantFederationConfiguration", "BlockedDomains", "-bad.com", "\"-bad.com\" is not a valid domain name." },
        { "TenantFederationConfiguration", "BlockedDomains", "bad.123", "\"bad.123\" is not a valid domain name." },
        { "TeamsGuestMeetingConfiguration", "ScreenSharingMode", "Window", "Valid values are: Disabled, SingleApplication, EntireScreen." },
        { "TeamsComplianceRecordingPolicy", "ComplianceRecordingApplications", "app one", "\"app one\" is not a valid item (no spaces)." },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Parse_BadValue_NamesTheParameterAndTheValidValues(string type, string parameter, string input, string expectedTail)
    {
        var p = PolicyTypes.Find(type)!.FindParameter(parameter)!;
        Assert.False(p.TryParse(input, out _, out var error));
        Assert.Equal(ErrorCodes.Policy.InvalidValue, error!.Code);
        Assert.StartsWith($"Cannot bind parameter '{parameter}'.", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(expectedTail, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FederationList_AcceptsExactly4000Domains()
    {
        var p = PolicyTypes.TenantFederationConfiguration.FindParameter("BlockedDomains")!;
        var domains = Enumerable.Range(0, PolicyTypes.MaxFederationDomains).Select(i => $"d{i}.example").ToList();

        Assert.True(p.TryParse(string.Join(",", domains), out var value, out _));
        Assert.Equal(4000, value.Items.Count);
        Assert.False(p.TryParse(string.Join(",", domains.Append("one-more.example")), out _, out var error));
        Assert.Contains("4001 items given; at most 4000", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Description_LongerThan1024_IsRefused()
    {
        var p = PolicyTypes.TeamsMeetingPolicy.FindParameter("Description")!;
        Assert.True(p.TryParse(new string('x', 1024), out _, out _));
        Assert.False(p.TryParse(new string('x', 1025), out _, out _));
    }

    [Fact]
    public void Schema_ConclaveExtensions_AreMarked()
    {
        var p = PolicyTypes.TeamsEnhancedEncryptionPolicy.FindParameter("CallingEndtoEndEncryptionEnabledType")!;
        Assert.Equal(["EnabledUserOverride", "Required"], p.ExtensionValues.ToArray());
        Assert.Empty(PolicyTypes.TeamsMeetingPolicy.FindParameter("AutoAdmittedUsers")!.ExtensionValues);
    }

    [Theory]
    [InlineData("CsTeamsMeetingPolicy", "TeamsMeetingPolicy")]
    [InlineData("teamsenhancedencryptionpolicy", "TeamsEnhancedEncryptionPolicy")]
    [InlineData("CsTenantFederationConfiguration", "TenantFederationConfiguration")]
    public void Find_ByNameOrCmdletNoun(string name, string expected) => Assert.Equal(expected, PolicyTypes.Find(name)?.Name);

    [Fact]
    public void Find_UnknownType_IsNull() => Assert.Null(PolicyTypes.Find("CsTeamsMessagingPolicy"));
}
