using Conclave.Contracts.Api;
using Conclave.Domain.Common;
using Conclave.Domain.Directory;
using Conclave.Domain.Teams;
using Conclave.Server.Audit;
using Conclave.Server.Chat;
using Conclave.Server.Directory;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Teams;

/// <summary>Who may read and change a team, and the one way a team change is made.</summary>
public sealed partial class TeamService
{
    /// <summary>
    /// One change of a team in an audited transaction: takes the team's lock, then checks under it that the team exists
    /// (<c>team.not_found</c>), that the caller is a member or an administrator (<c>team.not_member</c>), an owner or an
    /// administrator when <paramref name="ownerOnly"/> (<c>team.not_owner</c>), and that it is not archived
    /// (<c>team.archived</c>). <paramref name="change"/> gets the tracked team and members and a list for the channel
    /// chat changes to push; it commits with its audit record and answers null, or answers its refusal (rolled back).
    /// </summary>
    private async Task<Result<TeamView>> ChangeTeamAsync(
        TeamCaller caller, Guid teamId, bool ownerOnly,
        Func<AuditedTransaction, TeamRecord, List<TeamMemberRecord>, List<ChannelChats.Change>, Task<Error?>> change,
        CancellationToken cancellationToken, bool allowArchived = false)
    {
        // Outside any transaction first: a stranger's request takes no lock.
        var visible = await VisibleTeamAsync(caller, teamId, cancellationToken);
        if (!visible.IsSuccess)
        {
            return visible.Error;
        }

        var changes = new List<ChannelChats.Change>();
        await using (var transaction = await AuditedTransaction.BeginAsync(db, audit, cancellationToken))
        {
            if (!await TeamLock.TakeAsync(db, teamId, cancellationToken))
            {
                return TeamErrors.NotFound();
            }

            var team = await db.Teams.SingleAsync(t => t.Id == teamId, cancellationToken);
            var members = await db.TeamMembers.Where(m => m.TeamId == teamId).ToListAsync(cancellationToken);
            var role = members.FirstOrDefault(m => m.UserId == caller.UserId)?.Role;
            var refusal = role is null && !caller.IsAdministrator ? TeamErrors.NotMember()
                : ownerOnly && role != TeamRole.Owner && !caller.IsAdministrator ? TeamErrors.NotOwner()
                : team.Archived && !allowArchived ? TeamErrors.Archived()
                : await change(transaction, team, members, changes);
            if (refusal is not null)
            {
                return refusal;
            }
        }

        await channelChats.PublishAsync(changes, cancellationToken);
        var changed = await db.Teams.AsNoTracking().SingleAsync(t => t.Id == teamId, cancellationToken);
        return await reader.TeamViewAsync(changed, caller, cancellationToken);
    }

    /// <summary>The team when the caller is a member or an administrator; else <c>team.not_found</c> or <c>team.not_member</c>.</summary>
    private async Task<Result<TeamRecord>> VisibleTeamAsync(TeamCaller caller, Guid teamId, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
        {
            return TeamErrors.NotFound();
        }

        return caller.IsAdministrator || await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == caller.UserId, cancellationToken)
            ? team
            : TeamErrors.NotMember();
    }

    /// <summary>The chats of the team's standard channels that are not deleted, in id order (the order their sequences are taken in).</summary>
    private Task<List<Guid>> StandardChatIdsAsync(Guid teamId, CancellationToken cancellationToken) =>
        db.Channels.Where(c => c.TeamId == teamId && c.Kind == ChannelKind.Standard && c.DeletedAt == null)
            .Select(c => c.ChatId).OrderBy(id => id).ToListAsync(cancellationToken);

    /// <summary>The account named by UPN when it may join a team; else <c>team.unknown_user</c>, <c>team.user_not_allowed</c> or <c>team.guests_not_allowed</c>.</summary>
    private async Task<Result<ConclaveUser>> JoinableUserAsync(string? upn, CancellationToken cancellationToken)
    {
        var parsed = Upn.Parse(upn);
        if (!parsed.IsSuccess)
        {
            return TeamErrors.UnknownUser(upn ?? "");
        }

        var normalized = parsed.Value.Value.ToUpperInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        if (user is null)
        {
            return TeamErrors.UnknownUser(parsed.Value.Value);
        }

        // Asked only for a guest: the policy answers whether the tenant admits guests now.
        var guestsAllowed = user.Kind == UserKind.Guest && (await policies.DirectoryAsync(cancellationToken)).Guests.AreGuestsAllowed;
        return TeamRoles.CheckMayJoin(parsed.Value.Value, user.Kind, user.Enabled, guestsAllowed) is { } refusal ? refusal : user;
    }

    /// <summary>The account named by <paramref name="user"/>, a UPN or an account id; null when none.</summary>
    private async Task<ConclaveUser?> UserOfAsync(string user, CancellationToken cancellationToken)
    {
        if (Upn.Parse(user) is { IsSuccess: true } upn)
        {
            var normalized = upn.Value.Value.ToUpperInvariant();
            return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        }

        return user.Length <= 100 ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == user, cancellationToken) : null;
    }

    /// <summary>
    /// Null when the caller acts as an owner of the team; when they act only as an administrator, null if they hold
    /// every administrator role <paramref name="target"/> holds (nobody acts on someone with more privilege), else
    /// <c>team.cannot_change</c>.
    /// </summary>
    private async Task<Error?> CheckAdministratorReachAsync(
        TeamCaller caller, IEnumerable<TeamMemberRecord> members, ConclaveUser target, CancellationToken cancellationToken)
    {
        if (members.Any(m => m.UserId == caller.UserId && m.Role == TeamRole.Owner))
        {
            return null;
        }

        var names = await db.UserRoles.Where(r => r.UserId == target.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(cancellationToken);
        // A role name that is not known is taken as the most privileged one.
        var held = names.Select(n => AdminRoles.Parse(n) is { IsSuccess: true } r ? r.Value : AdminRole.GlobalAdministrator);
        return AdminRoles.CanChange(caller.Roles, held) ? null : TeamErrors.CannotChange(target.UserName ?? target.Id);
    }
}
