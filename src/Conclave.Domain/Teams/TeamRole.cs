using Conclave.Contracts.Api;
using Conclave.Domain.Common;
using Conclave.Domain.Directory;

namespace Conclave.Domain.Teams;

/// <summary>A person's role in a team or a private channel (<see cref="TeamRoleNames"/> on the wire).</summary>
public enum TeamRole
{
    Owner,
    Member,

    /// <summary>A guest account: reads and posts like a member, manages nothing.</summary>
    Guest,
}

/// <summary>Which role an account may hold, and parsing roles from their wire names.</summary>
public static class TeamRoles
{
    public static string NameOf(TeamRole role) => role switch
    {
        TeamRole.Owner => TeamRoleNames.Owner,
        TeamRole.Guest => TeamRoleNames.Guest,
        _ => TeamRoleNames.Member,
    };

    /// <summary>
    /// The role an account of <paramref name="kind"/> gets when <paramref name="name"/> is asked for: a guest account is
    /// always a Guest (Teams: a guest is never an owner), a member account never a Guest; null asks for the default.
    /// </summary>
    public static Result<TeamRole> For(UserKind kind, string? name)
    {
        if (kind == UserKind.Guest)
        {
            return name is null or TeamRoleNames.Guest ? TeamRole.Guest : TeamErrors.InvalidRole("A guest account is a team's Guest, never its Owner or Member.");
        }

        return name switch
        {
            null or TeamRoleNames.Member => TeamRole.Member,
            TeamRoleNames.Owner => TeamRole.Owner,
            TeamRoleNames.Guest => TeamErrors.InvalidRole("Guest is the role of guest accounts."),
            _ => TeamErrors.InvalidRole($"A role is {TeamRoleNames.Owner}, {TeamRoleNames.Member} or {TeamRoleNames.Guest}."),
        };
    }

    /// <summary>A private channel's role: Owner or Member (a guest is a Member of it and never an Owner).</summary>
    public static Result<TeamRole> ForChannel(UserKind kind, string? name) => name switch
    {
        null or TeamRoleNames.Member => TeamRole.Member,
        TeamRoleNames.Owner when kind != UserKind.Guest => TeamRole.Owner,
        TeamRoleNames.Owner => TeamErrors.InvalidRole("A guest is never an owner."),
        _ => TeamErrors.InvalidRole($"A private channel's role is {TeamRoleNames.Owner} or {TeamRoleNames.Member}."),
    };

    /// <summary>
    /// Whether an account of <paramref name="kind"/> may be in a team: the tenant's enabled members, and its enabled
    /// guests while the tenant allows guest access (<paramref name="guestsAllowed"/>, TeamsClientConfiguration AllowGuestUser).
    /// </summary>
    public static Error? CheckMayJoin(string upn, UserKind kind, bool enabled, bool guestsAllowed) =>
        !enabled || kind is not (UserKind.Member or UserKind.Guest) ? TeamErrors.UserNotAllowed(upn)
        : kind == UserKind.Guest && !guestsAllowed ? TeamErrors.GuestsNotAllowed()
        : null;

    /// <summary>
    /// Null when taking <paramref name="userId"/> out of the owners (removed or demoted) leaves at least one owner of
    /// <paramref name="owners"/>; else <c>team.last_owner</c>.
    /// </summary>
    public static Error? CheckOwnerLeaves(IReadOnlyCollection<string> owners, string userId) =>
        owners.Contains(userId) && owners.Count == 1 ? TeamErrors.LastOwner() : null;
}
