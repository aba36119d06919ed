using Conclave.Domain.Directory;

namespace Conclave.Server.Teams;

/// <summary>
/// The signed-in person acting on teams: their account id, UPN, kind, the administrator roles their token carries
/// (a Teams or Global administrator manages any team) and the address the request came from (for the audit log).
/// </summary>
public sealed record TeamCaller(string UserId, string Upn, UserKind Kind, IReadOnlyCollection<AdminRole> Roles, string? From)
{
    /// <summary>Whether the caller may manage any team through the team API, as its owners do.</summary>
    public bool IsAdministrator => AdminRoles.CanManageDirectory(Roles);
}
