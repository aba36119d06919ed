using System.Net;
using System.Net.Http.Json;
using Conclave.Contracts.Api;
using Conclave.Domain.Directory;
using Conclave.Server.Tests.Chat;

namespace Conclave.Server.Tests.Teams;

/// <summary>Intent methods of team tests over a <see cref="ChatPerson"/>: make teams and channels, read and post in channels.</summary>
public static class TeamPeople
{
    /// <summary>A new account of <paramref name="kind"/> (a guest is made a member, changed, then signed in so its token says Guest).</summary>
    public static async Task<ChatPerson> NewAsync(TestHost server, string prefix, UserKind kind)
    {
        var (upn, id) = await server.CreateMemberAsync(TestHost.UniqueName(prefix), ChatPerson.Password);
        await ChatPerson.SetAccountAsync(server, upn, kind, enabled: true);
        return new ChatPerson(server, upn, id.ToString(), await server.SignInAsync(upn, ChatPerson.Password));
    }

    public static async Task<TeamView> CreateTeamAsync(this ChatPerson owner, string name = "Launch", string? visibility = null)
    {
        using var response = await owner.Http.PostAsJsonAsync("/api/teams", new CreateTeamRequest(name, "The launch team", visibility));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TeamView>())!;
    }

    public static async Task<TeamView> AddAsync(this ChatPerson owner, TeamView team, ChatPerson person, string? role = null)
    {
        using var response = await owner.Http.PostAsJsonAsync($"/api/teams/{team.TeamId}/members", new AddTeamMemberRequest(person.Upn, role));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TeamView>())!;
    }

    public static async Task<ChannelView> CreateChannelAsync(this ChatPerson person, TeamView team, string name, string kind, params ChatPerson[] members)
    {
        using var response = await person.Http.PostAsJsonAsync(
            $"/api/teams/{team.TeamId}/channels", new CreateChannelRequest(name, null, kind, [.. members.Select(m => m.Upn)]));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ChannelView>())!;
    }

    public static async Task<TeamView> TeamAsync(this ChatPerson person, TeamView team) =>
        (await person.Http.GetFromJsonAsync<TeamView>($"/api/teams/{team.TeamId}"))!;

    public static ChannelView General(this TeamView team) => Assert.Single(team.Channels, c => c.IsGeneral);

    /// <summary>The status of reading a channel's posts and of posting in it, as this person.</summary>
    public static async Task<(HttpStatusCode Read, HttpStatusCode Post)> AccessAsync(this ChatPerson person, ChannelView channel)
    {
        using var read = await person.Http.GetAsync($"/api/chats/{channel.ChatId}/messages");
        using var post = await person.SendRawAsync(channel.ChatId, new SendMessageRequest(Guid.NewGuid(), "hello channel", null, null));
        return (read.StatusCode, post.StatusCode);
    }
}
