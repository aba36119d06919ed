namespace Conclave.Contracts.Api;

/// <summary>The admin role names the API takes and shows (docs/api.md); the server's AdminRole enum has the same names.</summary>
public static class AdminRoleNames
{
    public const string GlobalAdministrator = "GlobalAdministrator";
    public const string TeamsAdministrator = "TeamsAdministrator";
    public const string ComplianceAdministrator = "ComplianceAdministrator";

    public static IReadOnlyList<string> All { get; } = [GlobalAdministrator, TeamsAdministrator, ComplianceAdministrator];
}
