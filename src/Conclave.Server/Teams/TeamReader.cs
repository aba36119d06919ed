using Conclave.Contracts.Api;
using Conclave.Domain.Teams;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Teams;

/// <summary>Builds the wire views of stored teams as a caller may see them: a few queries per team, people by their current UPN.</summary>
public sealed class TeamReader(ConclaveDbContext db)
{
    private sealed record Person(string Upn, string? DisplayName);

    /// <summary>
    /// The team as <paramref name="caller"/> sees it: every member, every channel that is not deleted; a private channel's
    /// members are listed to its members, the team's owners and administrators, and its content is the members' only
    /// (<see cref="ChannelView.IsMember"/>).
    /// </summary>
    public async Task<TeamView> TeamViewAsync(TeamRecord team, TeamCaller caller, CancellationToken cancellationToken)
    {
        var members = await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == team.Id).ToListAsync(cancellationToken);
        var channels = await db.Channels.AsNoTracking().Where(c => c.TeamId == team.Id && c.DeletedAt == null).ToListAsync(cancellationToken);
        var privateIds = channels.Where(c => c.Kind == ChannelKind.Private).Select(c => c.Id).ToList();
        var channelMembers = await db.ChannelMembers.AsNoTracking().Where(m => privateIds.Contains(m.ChannelId)).ToListAsync(cancellationToken);
        var people = await PeopleAsync(members.Select(m => m.UserId), cancellationToken);
        var myRole = members.FirstOrDefault(m => m.UserId == caller.UserId)?.Role;
        var seesPrivateMembers = myRole == TeamRole.Owner || caller.IsAdministrator;
        var byChannel = channelMembers.ToLookup(m => m.ChannelId);

        ChannelView View(ChannelRecord c)
        {
            var own = byChannel[c.Id].ToList();
            var isMember = c.Kind == ChannelKind.Standard ? myRole is not null : own.Any(m => m.UserId == caller.UserId);
            var shown = c.Kind == ChannelKind.Private && (isMember || seesPrivateMembers) ? MemberViews(own.Select(m => (m.UserId, m.Role, m.JoinedAt)), people) : [];
            return new ChannelView(c.Id, c.TeamId, c.Name, c.Description, TeamNamesOf.NameOf(c.Kind), c.IsGeneral, c.ChatId, isMember, shown, c.CreatedAt);
        }

        return new TeamView(
            team.Id,
            team.Name,
            team.Description,
            TeamNamesOf.NameOf(team.Visibility),
            team.MembersCanCreateChannels,
            team.Archived,
            myRole is { } role ? TeamRoles.NameOf(role) : null,
            MemberViews(members.Select(m => (m.UserId, m.Role, m.JoinedAt)), people),
            [.. channels.OrderByDescending(c => c.IsGeneral).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id).Select(View)],
            team.CreatedAt);
    }

    private static IReadOnlyList<TeamMemberView> MemberViews(
        IEnumerable<(string UserId, TeamRole Role, DateTimeOffset JoinedAt)> members, IReadOnlyDictionary<string, Person> people) =>
        [.. members
            .Where(m => people.ContainsKey(m.UserId))
            .OrderBy(m => m.JoinedAt).ThenBy(m => m.UserId, StringComparer.Ordinal)
            .Select(m => new TeamMemberView(m.UserId, people[m.UserId].Upn, people[m.UserId].DisplayName, TeamRoles.NameOf(m.Role)))];

    private async Task<IReadOnlyDictionary<string, Person>> PeopleAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.UserName, u.DisplayName })
            .ToListAsync(cancellationToken);
        return users.ToDictionary(u => u.Id, u => new Person(u.UserName ?? "", string.IsNullOrEmpty(u.DisplayName) ? null : u.DisplayName), StringComparer.Ordinal);
    }
}
