using System.Collections.Immutable;

namespace Conclave.Domain.Policies.Schema;

/// <summary>
/// Every policy type Conclave knows, with Teams' parameter names and Teams' defaults. Adding a
/// parameter here is all it takes for validation, the admin verbs and explanations to know it.
/// </summary>
public static class PolicyTypes
{
    /// <summary>Teams: at most 4,000 domains in each federation list.</summary>
    public const int MaxFederationDomains = 4000;

    /// <summary>Applications listed on one compliance recording policy.</summary>
    public const int MaxComplianceRecordingApplications = 64;

    public static readonly PolicyType TeamsEnhancedEncryptionPolicy = new(
        0, "TeamsEnhancedEncryptionPolicy", "CsTeamsEnhancedEncryptionPolicy", isGrantable: true,
        Enum("CallingEndtoEndEncryptionEnabledType", EnhancedEncryptionMode.Disabled, "End-to-end encryption of 1:1 calls.", EnhancedEncryptionMode.EnabledUserOverride, EnhancedEncryptionMode.Required),
        Enum("MeetingEndToEndEncryption", EnhancedEncryptionMode.Disabled, "End-to-end encryption of meetings.", EnhancedEncryptionMode.EnabledUserOverride, EnhancedEncryptionMode.Required),
        Description());

    public static readonly PolicyType TeamsMeetingPolicy = new(
        1, "TeamsMeetingPolicy", "CsTeamsMeetingPolicy", isGrantable: true,
        Enum("AutoAdmittedUsers", Schema.AutoAdmittedUsers.EveryoneInCompany, "Who joins without waiting in the lobby."),
        Bool("AllowPSTNUsersToBypassLobby", false, "Dial-in callers skip the lobby."),
        Bool("AllowAnonymousUsersToJoinMeeting", true, "Anonymous people may join this organizer's meetings."),
        Enum("DesignatedPresenterRoleMode", Schema.DesignatedPresenterRoleMode.EveryoneUserOverride, "Default of \"Who can present\"."),
        Bool("AllowCloudRecording", true, "Meetings may be recorded on the server."),
        Bool("AllowTranscription", false, "Meetings may be transcribed."),
        Bool("AllowExternalParticipantGiveRequestControl", false, "External participants may give or request control of a shared screen."),
        Bool("AllowMeetNow", true, "Users may start an unscheduled meeting."),
        Bool("AllowPrivateMeetingScheduling", true, "Users may schedule private meetings."),
        Description());

    public static readonly PolicyType TeamsComplianceRecordingPolicy = new(
        2, "TeamsComplianceRecordingPolicy", "CsTeamsComplianceRecordingPolicy", isGrantable: true,
        Bool("Enabled", false, "Calls and meetings of users under this policy are recorded for compliance; E2EE is then unavailable."),
        List("ComplianceRecordingApplications", ParameterKind.List, MaxComplianceRecordingApplications, "Recorder application ids invited to each call."),
        Bool("RecordReroutedCalls", false, "Also record calls rerouted to voicemail or forwarded."),
        Description());

    public static readonly PolicyType ExternalAccessPolicy = new(
        3, "ExternalAccessPolicy", "CsExternalAccessPolicy", isGrantable: true,
        Bool("EnableFederationAccess", true, "The user may communicate with federated organisations."),
        Enum("CommunicationWithExternalOrgs", Schema.CommunicationWithExternalOrgs.OrganizationDefault, "Which external domains the user may reach."),
        List("AllowedExternalDomains", ParameterKind.DomainList, MaxFederationDomains, "Used with AllowSpecificExternalDomains."),
        List("BlockedExternalDomains", ParameterKind.DomainList, MaxFederationDomains, "Used with BlockSpecificExternalDomains."),
        Description());

    public static readonly PolicyType TenantFederationConfiguration = new(
        4, "TenantFederationConfiguration", "CsTenantFederationConfiguration", isGrantable: false,
        Bool("AllowFederatedUsers", true, "Users may communicate with other organisations at all."),
        new PolicyParameter(
            "AllowedDomains", ParameterKind.AllKnownDomainsOrList, PolicyValue.FromItems([], number: 0), "AllowedDomains",
            maxItems: MaxFederationDomains, summary: "AllowAllKnownDomains, or the only domains allowed."),
        List("BlockedDomains", ParameterKind.DomainList, MaxFederationDomains, "Domains refused; honoured only while AllowedDomains is AllowAllKnownDomains."));

    public static readonly PolicyType TeamsClientConfiguration = new(
        5, "TeamsClientConfiguration", "CsTeamsClientConfiguration", isGrantable: false,
        Bool("AllowGuestUser", true, "Guests may be added and may sign in."));

    public static readonly PolicyType TeamsGuestCallingConfiguration = new(
        6, "TeamsGuestCallingConfiguration", "CsTeamsGuestCallingConfiguration", isGrantable: false,
        Bool("AllowPrivateCalling", true, "Guests may make 1:1 calls."));

    public static readonly PolicyType TeamsGuestMeetingConfiguration = new(
        7, "TeamsGuestMeetingConfiguration", "CsTeamsGuestMeetingConfiguration", isGrantable: false,
        Bool("AllowIPVideo", true, "Guests may send video in meetings."),
        Enum("ScreenSharingMode", Schema.ScreenSharingMode.EntireScreen, "What guests may share."),
        Bool("AllowMeetNow", true, "Guests may start an unscheduled meeting."),
        Bool("AllowTranscription", false, "Guests' meetings may be transcribed."));

    /// <summary>Every type, indexed by <see cref="PolicyType.Index"/>.</summary>
    public static readonly ImmutableArray<PolicyType> All =
    [
        TeamsEnhancedEncryptionPolicy, TeamsMeetingPolicy, TeamsComplianceRecordingPolicy, ExternalAccessPolicy,
        TenantFederationConfiguration, TeamsClientConfiguration, TeamsGuestCallingConfiguration, TeamsGuestMeetingConfiguration,
    ];

    public static int Count => All.Length;

    /// <summary>Finds a type by its Teams name or cmdlet noun (<c>TeamsMeetingPolicy</c> or <c>CsTeamsMeetingPolicy</c>).</summary>
    public static PolicyType? Find(string name)
    {
        foreach (var t in All)
        {
            if (string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(t.CmdletNoun, name, StringComparison.OrdinalIgnoreCase))
            {
                return t;
            }
        }

        return null;
    }

    private static PolicyParameter Bool(string name, bool defaultValue, string summary) =>
        new(name, ParameterKind.Boolean, PolicyValue.FromBoolean(defaultValue), "System.Boolean", summary: summary);

    private static PolicyParameter Enum<TEnum>(string name, TEnum defaultValue, string summary, params TEnum[] extensions)
        where TEnum : struct, Enum =>
        new(
            name,
            ParameterKind.Enum,
            PolicyValue.FromOrdinal(Convert.ToInt32(defaultValue, System.Globalization.CultureInfo.InvariantCulture)),
            typeof(TEnum).Name,
            allowedValues: [.. System.Enum.GetNames<TEnum>()],
            extensionValues: [.. extensions.Select(e => e.ToString())],
            summary: summary);

    private static PolicyParameter List(string name, ParameterKind kind, int maxItems, string summary) =>
        new(name, kind, PolicyValue.FromItems([], number: 1), kind == ParameterKind.DomainList ? "Domain[]" : "String[]", maxItems: maxItems, summary: summary);

    private static PolicyParameter Description() =>
        new("Description", ParameterKind.Text, PolicyValue.FromText(string.Empty), "System.String", summary: "Free text.");
}
