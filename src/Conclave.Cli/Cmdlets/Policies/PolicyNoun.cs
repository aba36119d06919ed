namespace Conclave.Cli.Cmdlets.Policies;

/// <summary>
/// A policy type as the admin verbs name it: the cmdlet noun, the server's type name, and whether it has custom
/// policies that are granted (the others are tenant-wide configurations with only <c>Global</c>, Get and Set).
/// </summary>
internal sealed record PolicyNoun(string Noun, string PolicyType, bool Grantable)
{
    /// <summary>
    /// The nouns, which must be known before signing in so every cmdlet name resolves; their parameters are read
    /// from the server's schema (GET /api/admin/policies). A test checks this list against that schema.
    /// </summary>
    public static IReadOnlyList<PolicyNoun> All { get; } =
    [
        new("CsTeamsEnhancedEncryptionPolicy", "TeamsEnhancedEncryptionPolicy", Grantable: true),
        new("CsTeamsMeetingPolicy", "TeamsMeetingPolicy", Grantable: true),
        new("CsTeamsComplianceRecordingPolicy", "TeamsComplianceRecordingPolicy", Grantable: true),
        new("CsExternalAccessPolicy", "ExternalAccessPolicy", Grantable: true),
        new("CsTenantFederationConfiguration", "TenantFederationConfiguration", Grantable: false),
        new("CsTeamsClientConfiguration", "TeamsClientConfiguration", Grantable: false),
        new("CsTeamsGuestCallingConfiguration", "TeamsGuestCallingConfiguration", Grantable: false),
        new("CsTeamsGuestMeetingConfiguration", "TeamsGuestMeetingConfiguration", Grantable: false),
    ];

    /// <summary>The type names of the grantable nouns, the values of <c>-PolicyType</c>.</summary>
    public static IReadOnlyList<string> GrantableTypes { get; } = [.. All.Where(n => n.Grantable).Select(n => n.PolicyType)];

    public string ApiPath => "api/admin/policies/" + PolicyType;
}
