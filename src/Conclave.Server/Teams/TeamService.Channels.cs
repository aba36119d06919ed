using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Domain.Common;
using Conclave.Domain.Teams;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Teams;

/// <summary>Channels: standard (every team member's) and private (their own owners and members, all team members).</summary>
public sealed partial class TeamService
{
    /// <summary>
    /// Creates a channel and its chat. Owners may; members too while <see cref="TeamRecord.MembersCanCreateChannels"/>;
    /// guests never. A private channel's creator is its owner, and it names its other members (team members).
    /// </summary>
    public async Task<Result<ChannelView>> CreateChannelAsync(TeamCaller caller, Guid teamId, CreateChannelRequest request, CancellationToken cancellationToken)
    {
        var name = TeamText.ChannelName(request.Name);
        var description = TeamText.Description(request.Description);
        var kind = TeamNamesOf.ChannelKind(request.Kind);
        if (FirstError(name.Error, description.Error, kind.Error) is { } invalid)
        {
            return invalid;
        }

        if (kind.Value == ChannelKind.Standard && request.Members is { Count: > 0 })
        {
            return TeamErrors.NotPrivateChannel();
        }

        var channel = new ChannelRecord
        {
            Id = Guid.NewGuid(),
            TeamId = teamId,
            Name = name.Value,
            Description = description.Value,
            Kind = kind.Value,
            ChatId = Guid.NewGuid(),
            CreatedBy = caller.UserId,
        };
        var team = await ChangeTeamAsync(caller, teamId, ownerOnly: false, async (change, team, members, changes) =>
        {
            var role = members.FirstOrDefault(m => m.UserId == caller.UserId)?.Role;
            if (!caller.IsAdministrator && (role == TeamRole.Guest || (role == TeamRole.Member && !team.MembersCanCreateChannels)))
            {
                return role == TeamRole.Guest ? TeamErrors.NotOwner() : TeamErrors.ChannelCreationOff();
            }

            if (await NameTakenAsync(teamId, name.Value, exceptChannel: null, cancellationToken))
            {
                return TeamErrors.ChannelNameTaken(name.Value);
            }

            var now = time.GetUtcNow();
            channel.CreatedAt = now;
            List<string> chatMembers;
            if (kind.Value == ChannelKind.Private)
            {
                // Its content is its members' only: the creator must be one, so must be in the team.
                if (role is null)
                {
                    return TeamErrors.NotMember();
                }

                var others = new List<TeamMemberRecord>();
                foreach (var upn in request.Members ?? [])
                {
                    var user = await UserOfAsync(upn ?? "", cancellationToken);
                    var member = user is null ? null : members.FirstOrDefault(m => m.UserId == user.Id);
                    if (member is null)
                    {
                        return TeamErrors.MemberNotFound(upn ?? "");
                    }

                    if (member.UserId != caller.UserId && !others.Contains(member))
                    {
                        others.Add(member);
                    }
                }

                db.ChannelMembers.Add(new ChannelMemberRecord { ChannelId = channel.Id, UserId = caller.UserId, Role = TeamRole.Owner, JoinedAt = now });
                foreach (var other in others)
                {
                    db.ChannelMembers.Add(new ChannelMemberRecord { ChannelId = channel.Id, UserId = other.UserId, Role = TeamRole.Member, JoinedAt = now });
                }

                chatMembers = [caller.UserId, .. others.Select(o => o.UserId)];
            }
            else
            {
                chatMembers = [.. members.Select(m => m.UserId)];
            }

            changes.Add(channelChats.Create(channel.ChatId, channel.Name, caller.UserId, caller.Upn, chatMembers, now));
            db.Channels.Add(channel);
            await change.CommitAsync(
                Entry(TeamAuditActions.ChannelCreated, caller, teamId,
                    new JsonObject { ["channel"] = channel.Id.ToString(), ["name"] = channel.Name, ["kind"] = TeamNamesOf.NameOf(channel.Kind) }),
                cancellationToken);
            return null;
        }, cancellationToken);
        return ChannelOf(team, channel.Id);
    }

    /// <summary>Renames a channel or changes its description: the team's owners, or a private channel's owners. General keeps its name.</summary>
    public async Task<Result<ChannelView>> UpdateChannelAsync(
        TeamCaller caller, Guid teamId, Guid channelId, UpdateChannelRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name is null ? Result<string>.Success("") : TeamText.ChannelName(request.Name);
        var description = TeamText.Description(request.Description);
        if (FirstError(name.Error, description.Error) is { } invalid)
        {
            // Renaming General is refused for what it is, not for the name "General".
            return request.Name is not null && await db.Channels.AnyAsync(c => c.Id == channelId && c.TeamId == teamId && c.IsGeneral, cancellationToken)
                ? TeamErrors.GeneralChannelFixed()
                : invalid;
        }

        var team = await ChangeChannelAsync(caller, teamId, channelId, async (change, channel, changes) =>
        {
            if (request.Name is not null && channel.IsGeneral)
            {
                return TeamErrors.GeneralChannelFixed();
            }

            var details = new JsonObject { ["channel"] = channelId.ToString() };
            var now = time.GetUtcNow();
            if (request.Name is not null && request.Name != channel.Name)
            {
                if (await NameTakenAsync(teamId, name.Value, channelId, cancellationToken))
                {
                    return TeamErrors.ChannelNameTaken(name.Value);
                }

                details["from"] = channel.Name;
                details["name"] = name.Value;
                channel.Name = name.Value;
                changes.Add(await channelChats.RenameAsync(channel.ChatId, channel.Name, caller.UserId, caller.Upn, now, cancellationToken));
            }

            if (request.Description is not null)
            {
                channel.Description = description.Value;
                details["description"] = channel.Description is not null;
            }

            await change.CommitAsync(Entry(TeamAuditActions.ChannelUpdated, caller, teamId, details), cancellationToken);
            return null;
        }, cancellationToken);
        return ChannelOf(team, channelId);
    }

    /// <summary>Deletes a channel (not General): its chat keeps its messages, read-only and without members, and its name is free again.</summary>
    public async Task<Error?> DeleteChannelAsync(TeamCaller caller, Guid teamId, Guid channelId, CancellationToken cancellationToken)
    {
        var team = await ChangeChannelAsync(caller, teamId, channelId, async (change, channel, changes) =>
        {
            if (channel.IsGeneral)
            {
                return TeamErrors.GeneralChannelFixed();
            }

            var now = time.GetUtcNow();
            channel.DeletedAt = now;
            var chatMembers = await db.ChatMembers.Where(m => m.ChatId == channel.ChatId).Select(m => m.UserId).ToListAsync(cancellationToken);
            if (await channelChats.ChangeMembersAsync(channel.ChatId, [], chatMembers, caller.UserId, caller.Upn, now, cancellationToken) is { } removed)
            {
                changes.Add(removed);
            }

            await channelChats.SetReadOnlyAsync([channel.ChatId], readOnly: true, cancellationToken);
            await change.CommitAsync(
                Entry(TeamAuditActions.ChannelDeleted, caller, teamId, new JsonObject { ["channel"] = channelId.ToString(), ["name"] = channel.Name }),
                cancellationToken);
            return null;
        }, cancellationToken);
        return team.IsSuccess ? null : team.Error;
    }

    /// <summary>A private channel's owner (or an administrator) adds a member of the team to it.</summary>
    public async Task<Result<ChannelView>> AddChannelMemberAsync(
        TeamCaller caller, Guid teamId, Guid channelId, AddChannelMemberRequest request, CancellationToken cancellationToken)
    {
        var target = await UserOfAsync(request.User ?? "", cancellationToken);
        if (target is null)
        {
            return TeamErrors.UnknownUser(request.User ?? "");
        }

        var role = TeamRoles.ForChannel(target.Kind, request.Role);
        if (!role.IsSuccess)
        {
            return role.Error;
        }

        var team = await ChangePrivateChannelAsync(caller, teamId, channelId, selfAllowed: null, async (change, channel, teamMembers, channelMembers, changes) =>
        {
            if (!teamMembers.Any(m => m.UserId == target.Id))
            {
                return TeamErrors.MemberNotFound(target.UserName ?? request.User ?? "");
            }

            if (channelMembers.Any(m => m.UserId == target.Id))
            {
                return TeamErrors.AlreadyMember(target.UserName ?? "");
            }

            var now = time.GetUtcNow();
            db.ChannelMembers.Add(new ChannelMemberRecord { ChannelId = channelId, UserId = target.Id, Role = role.Value, JoinedAt = now });
            if (await channelChats.ChangeMembersAsync(channel.ChatId, [target.Id], [], caller.UserId, caller.Upn, now, cancellationToken) is { } added)
            {
                changes.Add(added);
            }

            await change.CommitAsync(
                Entry(TeamAuditActions.ChannelMemberAdded, caller, teamId,
                    new JsonObject { ["channel"] = channelId.ToString(), ["user"] = target.UserName, ["role"] = TeamRoles.NameOf(role.Value) }),
                cancellationToken);
            return null;
        }, cancellationToken);
        return ChannelOf(team, channelId);
    }

    /// <summary>A private channel's owner (or an administrator) removes a member, or a member leaves; its last owner stays.</summary>
    public async Task<Result<ChannelView>> RemoveChannelMemberAsync(
        TeamCaller caller, Guid teamId, Guid channelId, string user, CancellationToken cancellationToken)
    {
        var target = await UserOfAsync(user, cancellationToken);
        if (target is null)
        {
            return TeamErrors.MemberNotFound(user);
        }

        var team = await ChangePrivateChannelAsync(caller, teamId, channelId, selfAllowed: target.Id, async (change, channel, _, channelMembers, changes) =>
        {
            if (channelMembers.FirstOrDefault(m => m.UserId == target.Id) is not { } member)
            {
                return TeamErrors.MemberNotFound(user);
            }

            var owners = channelMembers.Where(m => m.Role == TeamRole.Owner).Select(m => m.UserId).ToList();
            if (TeamRoles.CheckOwnerLeaves(owners, target.Id) is { } lastOwner)
            {
                return lastOwner;
            }

            db.ChannelMembers.Remove(member);
            if (await channelChats.ChangeMembersAsync(channel.ChatId, [], [target.Id], caller.UserId, caller.Upn, time.GetUtcNow(), cancellationToken) is { } removed)
            {
                changes.Add(removed);
            }

            await change.CommitAsync(
                Entry(TeamAuditActions.ChannelMemberRemoved, caller, teamId, new JsonObject { ["channel"] = channelId.ToString(), ["user"] = target.UserName }),
                cancellationToken);
            return null;
        }, cancellationToken);
        return ChannelOf(team, channelId);
    }

    /// <summary>
    /// A change of one channel, by the team's owners (or administrators), or a private channel's owners; the channel
    /// must exist and not be deleted (<c>team.channel_not_found</c>).
    /// </summary>
    private Task<Result<TeamView>> ChangeChannelAsync(
        TeamCaller caller, Guid teamId, Guid channelId,
        Func<Audit.AuditedTransaction, ChannelRecord, List<Chat.ChannelChats.Change>, Task<Error?>> change, CancellationToken cancellationToken) =>
        ChangeTeamAsync(caller, teamId, ownerOnly: false, async (transaction, _, members, changes) =>
        {
            var channel = await db.Channels.FirstOrDefaultAsync(c => c.Id == channelId && c.TeamId == teamId && c.DeletedAt == null, cancellationToken);
            if (channel is null)
            {
                return TeamErrors.ChannelNotFound();
            }

            var teamOwner = caller.IsAdministrator || members.Any(m => m.UserId == caller.UserId && m.Role == TeamRole.Owner);
            var channelOwner = channel.Kind == ChannelKind.Private
                && await db.ChannelMembers.AnyAsync(m => m.ChannelId == channelId && m.UserId == caller.UserId && m.Role == TeamRole.Owner, cancellationToken);
            return teamOwner || channelOwner ? await change(transaction, channel, changes) : TeamErrors.NotOwner();
        }, cancellationToken);

    /// <summary>
    /// A change of a private channel's members, by its owners or an administrator (a team owner outside it cannot let
    /// themselves in), or by <paramref name="selfAllowed"/> acting on themselves (leaving).
    /// </summary>
    private Task<Result<TeamView>> ChangePrivateChannelAsync(
        TeamCaller caller, Guid teamId, Guid channelId, string? selfAllowed,
        Func<Audit.AuditedTransaction, ChannelRecord, List<TeamMemberRecord>, List<ChannelMemberRecord>, List<Chat.ChannelChats.Change>, Task<Error?>> change,
        CancellationToken cancellationToken) =>
        ChangeTeamAsync(caller, teamId, ownerOnly: false, async (transaction, _, members, changes) =>
        {
            var channel = await db.Channels.FirstOrDefaultAsync(c => c.Id == channelId && c.TeamId == teamId && c.DeletedAt == null, cancellationToken);
            if (channel is null)
            {
                return TeamErrors.ChannelNotFound();
            }

            if (channel.Kind != ChannelKind.Private)
            {
                return TeamErrors.NotPrivateChannel();
            }

            var channelMembers = await db.ChannelMembers.Where(m => m.ChannelId == channelId).ToListAsync(cancellationToken);
            var mine = channelMembers.FirstOrDefault(m => m.UserId == caller.UserId);
            var allowed = caller.IsAdministrator || mine?.Role == TeamRole.Owner || (selfAllowed == caller.UserId && mine is not null);
            return !allowed ? (mine is null ? TeamErrors.NotChannelMember() : TeamErrors.NotChannelOwner())
                : await change(transaction, channel, members, channelMembers, changes);
        }, cancellationToken);

    private async Task<bool> NameTakenAsync(Guid teamId, string name, Guid? exceptChannel, CancellationToken cancellationToken)
    {
        // Compared without case, as Teams does; a team has few channels, so compared here rather than by each provider's collation.
        var names = await db.Channels.Where(c => c.TeamId == teamId && c.DeletedAt == null && c.Id != exceptChannel).Select(c => c.Name).ToListAsync(cancellationToken);
        return names.Contains(name, StringComparer.OrdinalIgnoreCase);
    }

    private static Result<ChannelView> ChannelOf(Result<TeamView> team, Guid channelId) =>
        !team.IsSuccess ? team.Error
        : team.Value.Channels.FirstOrDefault(c => c.ChannelId == channelId) is { } channel ? channel
        : TeamErrors.ChannelNotFound();
}
