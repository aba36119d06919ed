namespace Conclave.Domain.Directory;

/// <summary>The administrator roles a user or app registration can hold.</summary>
public enum AdminRole
{
    /// <summary>Everything, including granting roles.</summary>
    GlobalAdministrator,

    /// <summary>Users, groups, apps and Teams policies; cannot grant roles or read the audit log.</summary>
    TeamsAdministrator,

    /// <summary>Reads the audit log and manages data-loss prevention.</summary>
    ComplianceAdministrator,
}
