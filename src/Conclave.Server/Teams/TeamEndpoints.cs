using Conclave.Contracts.Api;
using Conclave.Domain.Common;
using Conclave.Domain.Directory;
using Conclave.Domain.Teams;
using Conclave.Server.Admin;
using Conclave.Server.Http;

namespace Conclave.Server.Teams;

/// <summary>
/// /api/teams (docs/api.md, "Teams and channels"): teams, members, roles and channels, for signed-in people; a
/// channel's posts go through /api/chats with its chatId. Ids in the path that are not GUIDs name nothing
/// (<c>team.not_found</c>, <c>team.channel_not_found</c>); a person in the path is a UPN or an account id.
/// </summary>
public static class TeamEndpoints
{
    public const string Path = "/api/teams";

    /// <summary>The largest request (a private channel of a few hundred members' UPNs).</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static void MapTeamEndpoints(this IEndpointRouteBuilder app)
    {
        var teams = app.MapGroup(Path).RequireAuthorization(ConclavePolicies.User).WithMetadata(new BodyLimit(MaxBodyBytes));
        teams.MapPost("", CreateAsync).Produces<TeamView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        teams.MapGet("", ListAsync).Produces<TeamView[]>();
        teams.MapGet("/{teamId}", GetAsync).Produces<TeamView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        teams.MapPatch("/{teamId}", UpdateAsync).Produces<TeamView>().ProducesTeamChangeProblems();
        teams.MapPost("/{teamId}/archive", ArchiveAsync).Produces<TeamView>().ProducesTeamChangeProblems();
        teams.MapPost("/{teamId}/unarchive", UnarchiveAsync).Produces<TeamView>().ProducesTeamChangeProblems();
        teams.MapPost("/{teamId}/members", AddMemberAsync).Produces<TeamView>().ProducesTeamChangeProblems();
        teams.MapDelete("/{teamId}/members/{user}", RemoveMemberAsync).Produces<TeamView>().ProducesTeamChangeProblems();
        teams.MapPut("/{teamId}/members/{user}/role", SetRoleAsync).Produces<TeamView>().ProducesTeamChangeProblems();
        teams.MapGet("/{teamId}/channels", ChannelsAsync).Produces<ChannelView[]>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        teams.MapPost("/{teamId}/channels", CreateChannelAsync).Produces<ChannelView>(StatusCodes.Status201Created).ProducesTeamChangeProblems();
        teams.MapPatch("/{teamId}/channels/{channelId}", UpdateChannelAsync).Produces<ChannelView>().ProducesTeamChangeProblems();
        teams.MapDelete("/{teamId}/channels/{channelId}", DeleteChannelAsync).Produces(StatusCodes.Status204NoContent).ProducesTeamChangeProblems();
        teams.MapPost("/{teamId}/channels/{channelId}/members", AddChannelMemberAsync).Produces<ChannelView>().ProducesTeamChangeProblems();
        teams.MapDelete("/{teamId}/channels/{channelId}/members/{user}", RemoveChannelMemberAsync).Produces<ChannelView>().ProducesTeamChangeProblems();
    }

    private static RouteHandlerBuilder ProducesTeamChangeProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> CreateAsync(CreateTeamRequest body, HttpContext context, TeamService teams, CancellationToken cancellationToken)
    {
        var created = await teams.CreateAsync(CallerOf(context), body, cancellationToken);
        return created.IsSuccess ? Results.Created($"{Path}/{created.Value.TeamId}", created.Value) : Problems.FromError(created.Error);
    }

    private static async Task<IResult> ListAsync(HttpContext context, TeamService teams, CancellationToken cancellationToken) =>
        Results.Ok(await teams.ListAsync(CallerOf(context), cancellationToken));

    private static async Task<IResult> GetAsync(string teamId, HttpContext context, TeamService teams, CancellationToken cancellationToken) =>
        Answer(TryId(teamId, out var id) ? await teams.GetAsync(CallerOf(context), id, cancellationToken) : TeamErrors.NotFound());

    private static async Task<IResult> UpdateAsync(string teamId, UpdateTeamRequest body, HttpContext context, TeamService teams, CancellationToken cancellationToken) =>
        Answer(TryId(teamId, out var id) ? await teams.UpdateAsync(CallerOf(context), id, body, cancellationToken) : TeamErrors.NotFound());

    private static async Task<IResult> ArchiveAsync(string teamId, HttpContext context, TeamService teams, CancellationToken cancellationToken) =>
        Answer(TryId(teamId, out var id) ? await teams.SetArchivedAsync(CallerOf(context), id, archived: true, cancellationToken) : TeamErrors.NotFound());

    private static async Task<IResult> UnarchiveAsync(string teamId, HttpContext context, TeamService teams, CancellationToken cancellationToken) =>
        Answer(TryId(teamId, out var id) ? await teams.SetArchivedAsync(CallerOf(context), id, archived: false, cancellationToken) : TeamErrors.NotFound());

    private static async Task<IResult> AddMemberAsync(
        string teamId, AddTeamMemberRequest body, HttpContext context, TeamService teams, CancellationToken cancellationToken) =>
        Answer(TryId(teamId, out var id) ? await teams.AddMemberAsync(CallerOf(context), id, body, cancellationToken) : TeamErrors.NotFound());

    private static async Task<IResult> RemoveMemberAsync(string teamId, string user, HttpContext context, TeamService teams, CancellationToken cancellationToken) =>
        Answer(TryId(teamId, out var id) ? await teams.RemoveMemberAsync(CallerOf(context), id, user, cancellationToken) : TeamErrors.NotFound());

    private static async Task<IResult> SetRoleAsync(
        string teamId, string user, SetTeamRoleRequest body, HttpContext context, TeamService teams, CancellationToken cancellationToken) =>
        Answer(TryId(teamId, out var id) ? await teams.SetRoleAsync(CallerOf(context), id, user, body, cancellationToken) : TeamErrors.NotFound());

    private static async Task<IResult> ChannelsAsync(string teamId, HttpContext context, TeamService teams, CancellationToken cancellationToken)
    {
        var team = TryId(teamId, out var id) ? await teams.GetAsync(CallerOf(context), id, cancellationToken) : TeamErrors.NotFound();
        return team.IsSuccess ? Results.Ok(team.Value.Channels) : Problems.FromError(team.Error);
    }

    private static async Task<IResult> CreateChannelAsync(
        string teamId, CreateChannelRequest body, HttpContext context, TeamService teams, CancellationToken cancellationToken)
    {
        var created = TryId(teamId, out var id) ? await teams.CreateChannelAsync(CallerOf(context), id, body, cancellationToken) : TeamErrors.NotFound();
        return created.IsSuccess ? Results.Created($"{Path}/{id}/channels/{created.Value.ChannelId}", created.Value) : Problems.FromError(created.Error);
    }

    private static async Task<IResult> UpdateChannelAsync(
        string teamId, string channelId, UpdateChannelRequest body, HttpContext context, TeamService teams, CancellationToken cancellationToken) =>
        Answer(!TryId(teamId, out var id) ? TeamErrors.NotFound()
            : await teams.UpdateChannelAsync(CallerOf(context), id, ChannelIdOf(channelId), body, cancellationToken));

    private static async Task<IResult> DeleteChannelAsync(string teamId, string channelId, HttpContext context, TeamService teams, CancellationToken cancellationToken)
    {
        var refusal = !TryId(teamId, out var id) ? TeamErrors.NotFound() : await teams.DeleteChannelAsync(CallerOf(context), id, ChannelIdOf(channelId), cancellationToken);
        return refusal is null ? Results.NoContent() : Problems.FromError(refusal);
    }

    private static async Task<IResult> AddChannelMemberAsync(
        string teamId, string channelId, AddChannelMemberRequest body, HttpContext context, TeamService teams, CancellationToken cancellationToken) =>
        Answer(!TryId(teamId, out var id) ? TeamErrors.NotFound()
            : await teams.AddChannelMemberAsync(CallerOf(context), id, ChannelIdOf(channelId), body, cancellationToken));

    private static async Task<IResult> RemoveChannelMemberAsync(
        string teamId, string channelId, string user, HttpContext context, TeamService teams, CancellationToken cancellationToken) =>
        Answer(!TryId(teamId, out var id) ? TeamErrors.NotFound()
            : await teams.RemoveChannelMemberAsync(CallerOf(context), id, ChannelIdOf(channelId), user, cancellationToken));

    private static IResult Answer<T>(Result<T> result) => result.IsSuccess ? Results.Ok(result.Value) : Problems.FromError(result.Error);

    // The user policy admits people only, so the caller is a user with a UPN and a kind.
    private static TeamCaller CallerOf(HttpContext context)
    {
        var caller = CallerIdentity.Of(context.User) ?? throw new InvalidOperationException("The team endpoints require the user policy.");
        return new TeamCaller(caller.Subject, caller.Upn!, caller.UserKind ?? UserKind.Member, AdminPrivilege.RolesOf(context.User), ClientAddress.Of(context));
    }

    private static bool TryId(string text, out Guid id) => Guid.TryParseExact(text, "D", out id);

    // A channel id that is no GUID names no channel: a team member is told so after the membership check.
    private static Guid ChannelIdOf(string text) => TryId(text, out var id) ? id : Guid.Empty;

    /// <summary>The largest request body of an endpoint (Kestrel's limit for the whole server stays above it).</summary>
    private sealed record BodyLimit(long? MaxRequestBodySize) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata;
}
