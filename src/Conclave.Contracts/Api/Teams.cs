namespace Conclave.Contracts.Api;

// /api/teams (docs/api.md, "Teams and channels"): teams, their members and channels. A channel's conversation is a
// chat of kind Channel (ChatKindNames.Channel): a client reads and posts through /api/chats/{chatId}/… with the
// chatId each channel view carries, and receives its events on the chat hub like any chat's.

/// <summary>Who may find a team.</summary>
public static class TeamVisibilityNames
{
    /// <summary>Only its members see it.</summary>
    public const string Private = "Private";

    /// <summary>Anyone of the tenant may see its name and description (joining still needs an owner).</summary>
    public const string Public = "Public";
}

/// <summary>A person's role in a team or in a private channel.</summary>
public static class TeamRoleNames
{
    /// <summary>Manages the team (or private channel): members, roles, channels, settings.</summary>
    public const string Owner = "Owner";

    public const string Member = "Member";

    /// <summary>A guest account of the tenant, in the team when the tenant allows guests (AllowGuestUser).</summary>
    public const string Guest = "Guest";
}

/// <summary>The kinds of channel.</summary>
public static class ChannelKindNames
{
    /// <summary>Every member of the team is a member of it.</summary>
    public const string Standard = "Standard";

    /// <summary>Its own owners and members, all of them members of the team.</summary>
    public const string Private = "Private";
}

/// <summary>POST /api/teams: <paramref name="Visibility"/> is <see cref="TeamVisibilityNames"/> (default Private).</summary>
public sealed record CreateTeamRequest(string? Name, string? Description, string? Visibility);

/// <summary>PATCH /api/teams/{teamId}: each property given changes; null leaves it as it is.</summary>
public sealed record UpdateTeamRequest(string? Name, string? Description, string? Visibility, bool? MembersCanCreateChannels);

/// <summary>POST /api/teams/{teamId}/members: a UPN and its role (<see cref="TeamRoleNames"/>; default Member, Guest for a guest account).</summary>
public sealed record AddTeamMemberRequest(string? User, string? Role);

/// <summary>PUT /api/teams/{teamId}/members/{user}/role.</summary>
public sealed record SetTeamRoleRequest(string? Role);

/// <summary>
/// POST /api/teams/{teamId}/channels: <paramref name="Kind"/> is <see cref="ChannelKindNames"/> (default Standard).
/// A private channel's creator is its owner; <paramref name="Members"/> are other team members' UPNs to add.
/// </summary>
public sealed record CreateChannelRequest(string? Name, string? Description, string? Kind, IReadOnlyList<string>? Members);

/// <summary>PATCH /api/teams/{teamId}/channels/{channelId}: a new name and/or description.</summary>
public sealed record UpdateChannelRequest(string? Name, string? Description);

/// <summary>POST /api/teams/{teamId}/channels/{channelId}/members: a team member to add to a private channel (role Owner or Member).</summary>
public sealed record AddChannelMemberRequest(string? User, string? Role);

/// <summary>A member of a team or of a private channel.</summary>
public sealed record TeamMemberView(string UserId, string Upn, string? DisplayName, string Role);

/// <summary>
/// A channel as a team member sees it. <paramref name="ChatId"/> is its conversation (posts through /api/chats);
/// <paramref name="IsMember"/> says whether the caller may read it (a private channel's content is for its members
/// only, though every team member sees that it exists). <paramref name="Members"/> lists a private channel's members to
/// its members and the team's owners; empty otherwise.
/// </summary>
public sealed record ChannelView(
    Guid ChannelId,
    Guid TeamId,
    string Name,
    string? Description,
    string Kind,
    bool IsGeneral,
    Guid ChatId,
    bool IsMember,
    IReadOnlyList<TeamMemberView> Members,
    DateTimeOffset CreatedAt) : ApiView;

/// <summary>A team as a member (or an administrator) sees it: its settings, members and channels.</summary>
public sealed record TeamView(
    Guid TeamId,
    string Name,
    string? Description,
    string Visibility,
    bool MembersCanCreateChannels,
    bool Archived,
    string? MyRole,
    IReadOnlyList<TeamMemberView> Members,
    IReadOnlyList<ChannelView> Channels,
    DateTimeOffset CreatedAt) : ApiView;
