using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Client.Teams;

/// <summary>
/// The teams API (<c>/api/teams</c>, docs/api.md "Teams and channels") as typed calls. A channel's posts go through
/// <see cref="Chat.ChatApi"/> with the channel's <see cref="ChannelView.ChatId"/>. Refusals are <see cref="ApiProblemException"/>.
/// </summary>
public sealed class TeamsApi(ConclaveApiClient api)
{
    private readonly ConclaveApiClient _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>A new team with the caller as its owner and its General channel.</summary>
    public Task<TeamView> CreateAsync(string name, string? description, string? visibility, CancellationToken cancellationToken) =>
        _api.SendAsync<TeamView>(HttpMethod.Post, "api/teams", new CreateTeamRequest(name, description, visibility), cancellationToken);

    /// <summary>The caller's teams, by name.</summary>
    public Task<IReadOnlyList<TeamView>> ListAsync(CancellationToken cancellationToken) =>
        _api.SendAsync<IReadOnlyList<TeamView>>(HttpMethod.Get, "api/teams", null, cancellationToken);

    public Task<TeamView> GetAsync(Guid teamId, CancellationToken cancellationToken) =>
        _api.SendAsync<TeamView>(HttpMethod.Get, Team(teamId), null, cancellationToken);

    public Task<TeamView> UpdateAsync(Guid teamId, UpdateTeamRequest change, CancellationToken cancellationToken) =>
        _api.SendAsync<TeamView>(HttpMethod.Patch, Team(teamId), change, cancellationToken);

    /// <summary>Archives the team (read-only) or, with <paramref name="archived"/> false, restores it.</summary>
    public Task<TeamView> SetArchivedAsync(Guid teamId, bool archived, CancellationToken cancellationToken) =>
        _api.SendAsync<TeamView>(HttpMethod.Post, Team(teamId) + (archived ? "/archive" : "/unarchive"), null, cancellationToken);

    /// <summary>Adds a person by UPN; <paramref name="role"/> is a <see cref="TeamRoleNames"/> value or null for the default.</summary>
    public Task<TeamView> AddMemberAsync(Guid teamId, string upn, string? role, CancellationToken cancellationToken) =>
        _api.SendAsync<TeamView>(HttpMethod.Post, Team(teamId) + "/members", new AddTeamMemberRequest(upn, role), cancellationToken);

    /// <summary>Removes a person (a UPN or account id); one's own UPN leaves the team.</summary>
    public Task<TeamView> RemoveMemberAsync(Guid teamId, string user, CancellationToken cancellationToken) =>
        _api.SendAsync<TeamView>(HttpMethod.Delete, $"{Team(teamId)}/members/{Uri.EscapeDataString(user)}", null, cancellationToken);

    public Task<TeamView> SetRoleAsync(Guid teamId, string user, string role, CancellationToken cancellationToken) =>
        _api.SendAsync<TeamView>(HttpMethod.Put, $"{Team(teamId)}/members/{Uri.EscapeDataString(user)}/role", new SetTeamRoleRequest(role), cancellationToken);

    public Task<IReadOnlyList<ChannelView>> ListChannelsAsync(Guid teamId, CancellationToken cancellationToken) =>
        _api.SendAsync<IReadOnlyList<ChannelView>>(HttpMethod.Get, Team(teamId) + "/channels", null, cancellationToken);

    /// <summary>A new channel; <paramref name="kind"/> is a <see cref="ChannelKindNames"/> value; <paramref name="members"/> name a private channel's other members.</summary>
    public Task<ChannelView> CreateChannelAsync(
        Guid teamId, string name, string? description, string? kind, IReadOnlyList<string>? members, CancellationToken cancellationToken) =>
        _api.SendAsync<ChannelView>(HttpMethod.Post, Team(teamId) + "/channels", new CreateChannelRequest(name, description, kind, members), cancellationToken);

    public Task<ChannelView> UpdateChannelAsync(Guid teamId, Guid channelId, string? name, string? description, CancellationToken cancellationToken) =>
        _api.SendAsync<ChannelView>(HttpMethod.Patch, Channel(teamId, channelId), new UpdateChannelRequest(name, description), cancellationToken);

    public Task DeleteChannelAsync(Guid teamId, Guid channelId, CancellationToken cancellationToken) =>
        _api.SendAsync<object?>(HttpMethod.Delete, Channel(teamId, channelId), null, cancellationToken);

    public Task<ChannelView> AddChannelMemberAsync(Guid teamId, Guid channelId, string upn, string? role, CancellationToken cancellationToken) =>
        _api.SendAsync<ChannelView>(HttpMethod.Post, Channel(teamId, channelId) + "/members", new AddChannelMemberRequest(upn, role), cancellationToken);

    public Task<ChannelView> RemoveChannelMemberAsync(Guid teamId, Guid channelId, string user, CancellationToken cancellationToken) =>
        _api.SendAsync<ChannelView>(HttpMethod.Delete, $"{Channel(teamId, channelId)}/members/{Uri.EscapeDataString(user)}", null, cancellationToken);

    private static string Team(Guid teamId) => "api/teams/" + teamId.ToString("D");

    private static string Channel(Guid teamId, Guid channelId) => $"{Team(teamId)}/channels/{channelId:D}";
}
