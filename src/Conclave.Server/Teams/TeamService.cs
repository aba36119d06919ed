using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Domain.Common;
using Conclave.Domain.Directory;
using Conclave.Domain.Teams;
using Conclave.Server.Audit;
using Conclave.Server.Chat;
using Conclave.Server.Policies;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Teams;

/// <summary>
/// Teams, their members and channels, on the request's store. Every change is one audited transaction that first
/// takes the team's lock (<see cref="TeamLock"/>), checks the caller's right under it, changes the team and its
/// channels' chat members together, and commits with its audit record; a refusal rolls back and records nothing. The
/// channels' chat changes are pushed to devices after the commit (<see cref="ChannelChats"/>). Anyone who is not a
/// member is refused before anything is read (<c>team.not_member</c>), unless a Teams or Global administrator.
/// </summary>
public sealed partial class TeamService(
    ConclaveDbContext db, TeamReader reader, ChannelChats channelChats, IAuditLog audit, PolicyService policies, TimeProvider time)
{
    /// <summary>The most teams a list answers: far more than a person is in, and a bounded query.</summary>
    public const int ListLimit = 1000;

    public async Task<Result<TeamView>> CreateAsync(TeamCaller caller, CreateTeamRequest request, CancellationToken cancellationToken)
    {
        var name = TeamText.TeamName(request.Name);
        var description = TeamText.Description(request.Description);
        var visibility = TeamNamesOf.Visibility(request.Visibility);
        if (FirstError(name.Error, description.Error, visibility.Error) is { } invalid)
        {
            return invalid;
        }

        // Teams: guests join teams, they do not create them.
        if (caller.Kind != UserKind.Member)
        {
            return TeamErrors.UserNotAllowed(caller.Upn);
        }

        var now = time.GetUtcNow();
        var team = new TeamRecord
        {
            Id = Guid.NewGuid(),
            Name = name.Value,
            Description = description.Value,
            Visibility = visibility.Value,
            CreatedAt = now,
            CreatedBy = caller.UserId,
        };
        var general = new ChannelRecord
        {
            Id = Guid.NewGuid(),
            TeamId = team.Id,
            Name = TeamText.GeneralChannelName,
            Kind = ChannelKind.Standard,
            IsGeneral = true,
            ChatId = Guid.NewGuid(),
            CreatedAt = now,
            CreatedBy = caller.UserId,
        };
        ChannelChats.Change created;
        await using (var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken))
        {
            db.Teams.Add(team);
            db.TeamMembers.Add(new TeamMemberRecord { TeamId = team.Id, UserId = caller.UserId, Role = TeamRole.Owner, JoinedAt = now });
            created = channelChats.Create(general.ChatId, general.Name, caller.UserId, caller.Upn, [caller.UserId], now);
            db.Channels.Add(general);
            await change.CommitAsync(
                Entry(TeamAuditActions.Created, caller, team.Id, new JsonObject { ["name"] = team.Name, ["visibility"] = TeamNamesOf.NameOf(team.Visibility) }),
                cancellationToken);
        }

        await channelChats.PublishAsync([created], cancellationToken);
        return await reader.TeamViewAsync(team, caller, cancellationToken);
    }

    /// <summary>The teams the caller is a member of, by name.</summary>
    public async Task<IReadOnlyList<TeamView>> ListAsync(TeamCaller caller, CancellationToken cancellationToken)
    {
        var teams = await db.Teams.AsNoTracking()
            .Where(t => db.TeamMembers.Any(m => m.TeamId == t.Id && m.UserId == caller.UserId))
            .OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Take(ListLimit)
            .ToListAsync(cancellationToken);
        var views = new List<TeamView>(teams.Count);
        foreach (var team in teams)
        {
            views.Add(await reader.TeamViewAsync(team, caller, cancellationToken));
        }

        return views;
    }

    public async Task<Result<TeamView>> GetAsync(TeamCaller caller, Guid teamId, CancellationToken cancellationToken)
    {
        var team = await VisibleTeamAsync(caller, teamId, cancellationToken);
        return team.IsSuccess ? await reader.TeamViewAsync(team.Value, caller, cancellationToken) : team.Error;
    }

    /// <summary>An owner's (or administrator's) change of the team's name, description, visibility or channel-creation setting.</summary>
    public async Task<Result<TeamView>> UpdateAsync(TeamCaller caller, Guid teamId, UpdateTeamRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name is null ? Result<string>.Success("") : TeamText.TeamName(request.Name);
        var description = TeamText.Description(request.Description);
        var visibility = TeamNamesOf.Visibility(request.Visibility);
        if (FirstError(name.Error, description.Error, visibility.Error) is { } invalid)
        {
            return invalid;
        }

        return await ChangeTeamAsync(caller, teamId, ownerOnly: true, async (change, team, _, _) =>
        {
            var details = new JsonObject();
            if (request.Name is not null)
            {
                team.Name = name.Value;
                details["name"] = team.Name;
            }

            if (request.Description is not null)
            {
                team.Description = description.Value;
                details["description"] = team.Description is not null;
            }

            if (request.Visibility is not null)
            {
                team.Visibility = visibility.Value;
                details["visibility"] = TeamNamesOf.NameOf(team.Visibility);
            }

            if (request.MembersCanCreateChannels is { } membersCreate)
            {
                team.MembersCanCreateChannels = membersCreate;
                details["membersCanCreateChannels"] = membersCreate;
            }

            await change.CommitAsync(Entry(TeamAuditActions.Updated, caller, teamId, details), cancellationToken);
            return null;
        }, cancellationToken);
    }

    /// <summary>Archives the team (read-only: its channels take no posts and it takes no changes) or restores it.</summary>
    public async Task<Result<TeamView>> SetArchivedAsync(TeamCaller caller, Guid teamId, bool archived, CancellationToken cancellationToken) =>
        await ChangeTeamAsync(caller, teamId, ownerOnly: true, async (change, team, _, _) =>
        {
            if (team.Archived == archived)
            {
                await change.RollbackAsync(cancellationToken);
                return null;
            }

            team.Archived = archived;
            var chatIds = await db.Channels.Where(c => c.TeamId == teamId && c.DeletedAt == null).Select(c => c.ChatId).ToListAsync(cancellationToken);
            await channelChats.SetReadOnlyAsync(chatIds, archived, cancellationToken);
            await change.CommitAsync(Entry(archived ? TeamAuditActions.Archived : TeamAuditActions.Unarchived, caller, teamId, new JsonObject()), cancellationToken);
            return null;
        }, cancellationToken, allowArchived: true);

    /// <summary>An owner adds someone: they become a member of every standard channel (its chat appears on their devices).</summary>
    public async Task<Result<TeamView>> AddMemberAsync(TeamCaller caller, Guid teamId, AddTeamMemberRequest request, CancellationToken cancellationToken)
    {
        var user = await JoinableUserAsync(request.User, cancellationToken);
        if (!user.IsSuccess)
        {
            return user.Error;
        }

        var role = TeamRoles.For(user.Value.Kind, request.Role);
        if (!role.IsSuccess)
        {
            return role.Error;
        }

        return await ChangeTeamAsync(caller, teamId, ownerOnly: true, async (change, _, members, changes) =>
        {
            if (members.Any(m => m.UserId == user.Value.Id))
            {
                return TeamErrors.AlreadyMember(user.Value.UserName!);
            }

            var now = time.GetUtcNow();
            db.TeamMembers.Add(new TeamMemberRecord { TeamId = teamId, UserId = user.Value.Id, Role = role.Value, JoinedAt = now });
            foreach (var chatId in await StandardChatIdsAsync(teamId, cancellationToken))
            {
                if (await channelChats.ChangeMembersAsync(chatId, [user.Value.Id], [], caller.UserId, caller.Upn, now, cancellationToken) is { } changed)
                {
                    changes.Add(changed);
                }
            }

            await change.CommitAsync(
                Entry(TeamAuditActions.MemberAdded, caller, teamId, new JsonObject { ["user"] = user.Value.UserName, ["role"] = TeamRoles.NameOf(role.Value) }),
                cancellationToken);
            return null;
        }, cancellationToken);
    }

    /// <summary>
    /// An owner removes someone, or a member leaves: they leave every channel of the team (private ones included), and
    /// its chats' later events are no longer delivered to them. The last owner stays (<c>team.last_owner</c>).
    /// </summary>
    public async Task<Result<TeamView>> RemoveMemberAsync(TeamCaller caller, Guid teamId, string user, CancellationToken cancellationToken)
    {
        var target = await UserOfAsync(user, cancellationToken);
        if (target is null)
        {
            return TeamErrors.MemberNotFound(user);
        }

        var leaving = target.Id == caller.UserId;
        return await ChangeTeamAsync(caller, teamId, ownerOnly: !leaving, async (change, _, members, changes) =>
        {
            if (members.FirstOrDefault(m => m.UserId == target.Id) is not { } member)
            {
                return TeamErrors.MemberNotFound(user);
            }

            if (TeamRoles.CheckOwnerLeaves(OwnersOf(members), target.Id) is { } lastOwner)
            {
                return lastOwner;
            }

            if (!leaving && await CheckAdministratorReachAsync(caller, members, target, cancellationToken) is { } beyond)
            {
                return beyond;
            }

            var now = time.GetUtcNow();
            db.TeamMembers.Remove(member);
            var channels = await db.Channels.Where(c => c.TeamId == teamId).Select(c => new { c.Id, c.ChatId }).ToListAsync(cancellationToken);
            var channelIds = channels.Select(c => c.Id).ToList();
            await db.ChannelMembers.Where(m => channelIds.Contains(m.ChannelId) && m.UserId == target.Id).ExecuteDeleteAsync(cancellationToken);
            foreach (var channel in channels.OrderBy(c => c.ChatId))
            {
                if (await channelChats.ChangeMembersAsync(channel.ChatId, [], [target.Id], caller.UserId, caller.Upn, now, cancellationToken) is { } changed)
                {
                    changes.Add(changed);
                }
            }

            await change.CommitAsync(Entry(TeamAuditActions.MemberRemoved, caller, teamId, new JsonObject { ["user"] = target.UserName }), cancellationToken);
            return null;
        }, cancellationToken);
    }

    /// <summary>An owner changes someone's role (Owner or Member; a guest account stays Guest). The last owner stays an owner.</summary>
    public async Task<Result<TeamView>> SetRoleAsync(TeamCaller caller, Guid teamId, string user, SetTeamRoleRequest request, CancellationToken cancellationToken)
    {
        var target = await UserOfAsync(user, cancellationToken);
        if (target is null)
        {
            return TeamErrors.MemberNotFound(user);
        }

        var role = TeamRoles.For(target.Kind, request.Role ?? "");
        if (!role.IsSuccess)
        {
            return role.Error;
        }

        return await ChangeTeamAsync(caller, teamId, ownerOnly: true, async (change, _, members, changes) =>
        {
            if (members.FirstOrDefault(m => m.UserId == target.Id) is not { } member)
            {
                return TeamErrors.MemberNotFound(user);
            }

            if (role.Value != TeamRole.Owner && TeamRoles.CheckOwnerLeaves(OwnersOf(members), target.Id) is { } lastOwner)
            {
                return lastOwner;
            }

            if (await CheckAdministratorReachAsync(caller, members, target, cancellationToken) is { } beyond)
            {
                return beyond;
            }

            if (member.Role == role.Value)
            {
                await change.RollbackAsync(cancellationToken);
                return null;
            }

            var before = member.Role;
            member.Role = role.Value;
            await change.CommitAsync(
                Entry(TeamAuditActions.RoleChanged, caller, teamId,
                    new JsonObject { ["user"] = target.UserName, ["from"] = TeamRoles.NameOf(before), ["to"] = TeamRoles.NameOf(role.Value) }),
                cancellationToken);
            return null;
        }, cancellationToken);
    }

    private static Error? FirstError(params Error?[] errors) => errors.FirstOrDefault(e => e is not null);

    private static List<string> OwnersOf(IEnumerable<TeamMemberRecord> members) =>
        [.. members.Where(m => m.Role == TeamRole.Owner).Select(m => m.UserId)];

    private static AuditEntry Entry(string action, TeamCaller caller, Guid teamId, JsonObject details) =>
        new(action, AuditOutcome.Success, caller.UserId, caller.Upn, teamId.ToString(), caller.From, details);
}
