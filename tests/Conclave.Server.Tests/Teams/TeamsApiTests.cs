using System.Net;
using System.Net.Http.Json;
using Conclave.Contracts.Api;
using Conclave.Domain.Directory;
using Conclave.Server.Tests.Chat;
using Conclave.Server.Tests.Fixtures;
using Conclave.Server.Tests.Policies;
using static Conclave.Server.Tests.Chat.ProblemCodes;

namespace Conclave.Server.Tests.Teams;

/// <summary>/api/teams and channel posts through /api/chats (docs/api.md, "Teams and channels"), on each provider.</summary>
public abstract class TeamsApiTests(ServerFixture server)
{
    private static readonly (HttpStatusCode, HttpStatusCode) Allowed = (HttpStatusCode.OK, HttpStatusCode.Created);
    private static readonly (HttpStatusCode, HttpStatusCode) Refused = (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden);

    [Fact]
    public async Task Team_Create_General_Update_Archive_Unarchive_AreAudited()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        var team = await alice.CreateTeamAsync(visibility: TeamVisibilityNames.Public);
        Assert.Equal(("Launch", TeamVisibilityNames.Public, TeamRoleNames.Owner, true, false), (team.Name, team.Visibility, team.MyRole, team.MembersCanCreateChannels, team.Archived));
        var general = team.General();
        Assert.Equal(("General", ChannelKindNames.Standard, true), (general.Name, general.Kind, general.IsMember));
        var chat = await alice.Http.GetFromJsonAsync<ChatView>($"/api/chats/{general.ChatId}");
        Assert.Equal((ChatKindNames.Channel, "General"), (chat!.Kind, chat.Topic));
        Assert.Contains((await alice.Http.GetFromJsonAsync<TeamView[]>("/api/teams"))!, t => t.TeamId == team.TeamId);

        using (var rename = await alice.Http.PatchAsJsonAsync($"/api/teams/{team.TeamId}/channels/{general.ChannelId}", new UpdateChannelRequest("Lobby", null)))
        {
            await AssertRefusedAsync(rename, HttpStatusCode.BadRequest, "team.general_channel_fixed");
        }

        using (var delete = await alice.Http.DeleteAsync($"/api/teams/{team.TeamId}/channels/{general.ChannelId}"))
        {
            await AssertRefusedAsync(delete, HttpStatusCode.BadRequest, "team.general_channel_fixed");
        }

        using (var update = await alice.Http.PatchAsJsonAsync($"/api/teams/{team.TeamId}", new UpdateTeamRequest("Launch 2", null, null, false)))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
            var view = await update.Content.ReadFromJsonAsync<TeamView>();
            Assert.Equal(("Launch 2", false), (view!.Name, view.MembersCanCreateChannels));
        }

        using (var archive = await alice.Http.PostAsync($"/api/teams/{team.TeamId}/archive", null))
        {
            Assert.True((await archive.Content.ReadFromJsonAsync<TeamView>())!.Archived);
        }

        using (var post = await alice.SendRawAsync(general.ChatId, new SendMessageRequest(Guid.NewGuid(), "still here?", null, null)))
        {
            await AssertRefusedAsync(post, HttpStatusCode.Conflict, "chat.read_only");
        }

        using (var update = await alice.Http.PatchAsJsonAsync($"/api/teams/{team.TeamId}", new UpdateTeamRequest("Launch 3", null, null, null)))
        {
            await AssertRefusedAsync(update, HttpStatusCode.Conflict, "team.archived");
        }

        using (var unarchive = await alice.Http.PostAsync($"/api/teams/{team.TeamId}/unarchive", null))
        {
            Assert.False((await unarchive.Content.ReadFromJsonAsync<TeamView>())!.Archived);
        }

        await alice.SendAsync(general.ChatId, "back");
        Assert.Equal(
            ["team.create", "team.update", "team.archive", "team.unarchive"],
            await ActionsAsync(team.TeamId, "team.create", "team.update", "team.archive", "team.unarchive"));
    }

    [Fact]
    public async Task Channels_ReadAndPost_ByWhoIsInThem()
    {
        using var owner = await ChatPerson.NewAsync(server, "owner");
        using var member = await ChatPerson.NewAsync(server, "member");
        using var insider = await ChatPerson.NewAsync(server, "insider");
        using var stranger = await ChatPerson.NewAsync(server, "stranger");
        using var guest = await TeamPeople.NewAsync(server, "guest", UserKind.Guest);
        var team = await owner.CreateTeamAsync();
        await owner.AddAsync(team, member);
        await owner.AddAsync(team, insider);
        var joined = await owner.AddAsync(team, guest);
        Assert.Equal(TeamRoleNames.Guest, Assert.Single(joined.Members, m => m.Upn == guest.Upn).Role);
        var standard = await member.CreateChannelAsync(team, "Design", ChannelKindNames.Standard);
        var secret = await member.CreateChannelAsync(team, "Secret plans", ChannelKindNames.Private, insider);

        foreach (var person in new[] { owner, member, insider, guest })
        {
            Assert.Equal(Allowed, await person.AccessAsync(standard));
            Assert.Equal(Allowed, await person.AccessAsync(team.General()));
        }

        Assert.Equal(Refused, await stranger.AccessAsync(standard));
        Assert.Equal(Allowed, await member.AccessAsync(secret));
        Assert.Equal(Allowed, await insider.AccessAsync(secret));
        // The team's owner outside the private channel sees that it exists and who is in it, not what it says.
        Assert.Equal(Refused, await owner.AccessAsync(secret));
        Assert.Equal(Refused, await guest.AccessAsync(secret));
        Assert.Equal(Refused, await stranger.AccessAsync(secret));
        var seenByOwner = Assert.Single((await owner.TeamAsync(team)).Channels, c => c.ChannelId == secret.ChannelId);
        Assert.Equal((false, 2), (seenByOwner.IsMember, seenByOwner.Members.Count));
        var seenByGuest = Assert.Single((await guest.TeamAsync(team)).Channels, c => c.ChannelId == secret.ChannelId);
        Assert.Equal((false, 0), (seenByGuest.IsMember, seenByGuest.Members.Count));

        // Guests create no channels, and join a team only as guests.
        using (var byGuest = await guest.Http.PostAsJsonAsync($"/api/teams/{team.TeamId}/channels", new CreateChannelRequest("Mine", null, null, null)))
        {
            await AssertRefusedAsync(byGuest, HttpStatusCode.Forbidden, "team.not_owner");
        }

        using (var strangerReads = await stranger.Http.GetAsync($"/api/teams/{team.TeamId}"))
        {
            await AssertRefusedAsync(strangerReads, HttpStatusCode.Forbidden, "team.not_member");
        }

        using (var unknown = await stranger.Http.GetAsync($"/api/teams/{Guid.NewGuid()}"))
        {
            await AssertRefusedAsync(unknown, HttpStatusCode.NotFound, "team.not_found");
        }

        using (var notAnId = await stranger.Http.GetAsync("/api/teams/not-a-team"))
        {
            await AssertRefusedAsync(notAnId, HttpStatusCode.NotFound, "team.not_found");
        }

        // A channel's chat is kept by its team, not through the chat API.
        using (var add = await owner.Http.PostAsJsonAsync($"/api/chats/{standard.ChatId}/members", new AddChatMemberRequest(stranger.Upn)))
        {
            await AssertRefusedAsync(add, HttpStatusCode.BadRequest, "chat.channel_managed");
        }

        using (var leave = await member.Http.DeleteAsync($"/api/chats/{standard.ChatId}/members/me"))
        {
            await AssertRefusedAsync(leave, HttpStatusCode.BadRequest, "chat.channel_managed");
        }

        using (var topic = await member.Http.PatchAsJsonAsync($"/api/chats/{standard.ChatId}", new UpdateChatRequest("Renamed")))
        {
            await AssertRefusedAsync(topic, HttpStatusCode.BadRequest, "chat.channel_managed");
        }
    }

    [Fact]
    public async Task LastOwner_CannotBeDemotedOrRemoved_AndRefusalsAreNotAudited()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var team = await alice.CreateTeamAsync();
        await alice.AddAsync(team, bob);

        using (var demote = await alice.Http.PutAsJsonAsync($"/api/teams/{team.TeamId}/members/{alice.Upn}/role", new SetTeamRoleRequest(TeamRoleNames.Member)))
        {
            await AssertRefusedAsync(demote, HttpStatusCode.Conflict, "team.last_owner");
        }

        using (var leave = await alice.Http.DeleteAsync($"/api/teams/{team.TeamId}/members/{alice.Upn}"))
        {
            await AssertRefusedAsync(leave, HttpStatusCode.Conflict, "team.last_owner");
        }

        using (var byMember = await bob.Http.PutAsJsonAsync($"/api/teams/{team.TeamId}/members/{bob.Upn}/role", new SetTeamRoleRequest(TeamRoleNames.Owner)))
        {
            await AssertRefusedAsync(byMember, HttpStatusCode.Forbidden, "team.not_owner");
        }

        Assert.Empty(await ActionsAsync(team.TeamId, "team.member.role", "team.member.remove"));

        using (var promote = await alice.Http.PutAsJsonAsync($"/api/teams/{team.TeamId}/members/{bob.Upn}/role", new SetTeamRoleRequest(TeamRoleNames.Owner)))
        {
            Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        }

        using (var left = await alice.Http.DeleteAsync($"/api/teams/{team.TeamId}/members/{alice.Upn}"))
        {
            Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        }

        var now = await bob.TeamAsync(team);
        Assert.Equal((bob.Upn, TeamRoleNames.Owner), (Assert.Single(now.Members).Upn, now.Members[0].Role));
        Assert.Equal(["team.member.role", "team.member.remove"], await ActionsAsync(team.TeamId, "team.member.role", "team.member.remove"));
    }

    [Fact]
    public async Task Threads_AreRootPostsAndTheirReplies()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var team = await alice.CreateTeamAsync();
        await alice.AddAsync(team, bob);
        var general = team.General();
        var root = await alice.SendAsync(general.ChatId, "Kick-off on Monday?");
        var other = await bob.SendAsync(general.ChatId, "Another topic");

        MessageView reply;
        using (var replied = await bob.SendRawAsync(general.ChatId, new SendMessageRequest(Guid.NewGuid(), "Yes", root.MessageId, null)))
        {
            Assert.Equal(HttpStatusCode.Created, replied.StatusCode);
            reply = (await replied.Content.ReadFromJsonAsync<MessageView>())!;
            Assert.Equal((root.MessageId, root.MessageId), (reply.ThreadRootId, reply.ReplyTo));
        }

        using (var nested = await alice.SendRawAsync(general.ChatId, new SendMessageRequest(Guid.NewGuid(), "Nested", reply.MessageId, null)))
        {
            await AssertRefusedAsync(nested, HttpStatusCode.BadRequest, "chat.invalid_thread");
        }

        var roots = await alice.Http.GetFromJsonAsync<MessagePage>($"/api/chats/{general.ChatId}/messages");
        Assert.Equal([other.MessageId, root.MessageId], roots!.Messages.Select(m => m.MessageId).ToArray());
        var thread = await bob.Http.GetFromJsonAsync<MessagePage>($"/api/chats/{general.ChatId}/messages?thread={root.MessageId}");
        Assert.Equal([reply.MessageId, root.MessageId], thread!.Messages.Select(m => m.MessageId).ToArray());

        using (var unknownRoot = await bob.Http.GetAsync($"/api/chats/{general.ChatId}/messages?thread={reply.MessageId}"))
        {
            await AssertRefusedAsync(unknownRoot, HttpStatusCode.NotFound, "chat.message_not_found");
        }

        var group = await alice.CreateGroupAsync(bob);
        using (var notChannel = await alice.Http.GetAsync($"/api/chats/{group.ChatId}/messages?thread={root.MessageId}"))
        {
            await AssertRefusedAsync(notChannel, HttpStatusCode.BadRequest, "chat.invalid_thread");
        }
    }

    [Fact]
    public async Task HostileInput_IsRefusedWithItsCode_AndNothingIsAudited()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        async Task RefusedAsync(Task<HttpResponseMessage> call, HttpStatusCode status, string code)
        {
            using var response = await call;
            await AssertRefusedAsync(response, status, code);
        }

        await RefusedAsync(alice.Http.PostAsJsonAsync("/api/teams", new CreateTeamRequest("  ", null, null)), HttpStatusCode.BadRequest, "team.invalid_name");
        await RefusedAsync(alice.Http.PostAsJsonAsync("/api/teams", new CreateTeamRequest(new string('x', 257), null, null)), HttpStatusCode.BadRequest, "team.invalid_name");
        await RefusedAsync(alice.Http.PostAsJsonAsync("/api/teams", new CreateTeamRequest("Ok", new string('x', 1025), null)), HttpStatusCode.BadRequest, "team.invalid_description");
        await RefusedAsync(alice.Http.PostAsJsonAsync("/api/teams", new CreateTeamRequest("Ok", null, "Secret")), HttpStatusCode.BadRequest, "team.invalid_visibility");

        var team = await alice.CreateTeamAsync();
        await alice.AddAsync(team, bob);
        var channels = $"/api/teams/{team.TeamId}/channels";
        await RefusedAsync(alice.Http.PostAsJsonAsync(channels, new CreateChannelRequest("a#b", null, null, null)), HttpStatusCode.BadRequest, "team.invalid_name");
        await RefusedAsync(alice.Http.PostAsJsonAsync(channels, new CreateChannelRequest("general", null, null, null)), HttpStatusCode.BadRequest, "team.invalid_name");
        await RefusedAsync(alice.Http.PostAsJsonAsync(channels, new CreateChannelRequest(new string('c', 51), null, null, null)), HttpStatusCode.BadRequest, "team.invalid_name");
        await RefusedAsync(alice.Http.PostAsJsonAsync(channels, new CreateChannelRequest("Ops", null, "Shared", null)), HttpStatusCode.BadRequest, "team.invalid_channel_kind");
        var ops = await alice.CreateChannelAsync(team, "Ops", ChannelKindNames.Standard);
        await RefusedAsync(alice.Http.PostAsJsonAsync(channels, new CreateChannelRequest("OPS", null, null, null)), HttpStatusCode.Conflict, "team.channel_name_taken");
        await RefusedAsync(alice.Http.DeleteAsync($"{channels}/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "team.channel_not_found");
        await RefusedAsync(alice.Http.DeleteAsync($"{channels}/not-an-id"), HttpStatusCode.NotFound, "team.channel_not_found");
        await RefusedAsync(bob.Http.DeleteAsync($"{channels}/{ops.ChannelId}"), HttpStatusCode.Forbidden, "team.not_owner");
        await RefusedAsync(
            alice.Http.PostAsJsonAsync($"/api/teams/{team.TeamId}/members", new AddTeamMemberRequest("nobody@nowhere.test", null)),
            HttpStatusCode.BadRequest, "team.unknown_user");
        await RefusedAsync(
            alice.Http.PostAsJsonAsync($"/api/teams/{team.TeamId}/members", new AddTeamMemberRequest(bob.Upn, null)), HttpStatusCode.Conflict, "team.already_member");
        await RefusedAsync(
            bob.Http.PostAsJsonAsync($"/api/teams/{team.TeamId}/members", new AddTeamMemberRequest(alice.Upn, null)), HttpStatusCode.Forbidden, "team.not_owner");
        await RefusedAsync(
            alice.Http.PostAsJsonAsync($"{channels}/{ops.ChannelId}/members", new AddChannelMemberRequest(bob.Upn, null)), HttpStatusCode.BadRequest, "team.not_private_channel");

        // Refused: only the team's creation, the one add and Ops's creation were recorded.
        Assert.Equal(["team.create", "team.member.add", "team.channel.create"], await ActionsAsync(team.TeamId, "team.create", "team.member.add", "team.channel.create", "team.channel.delete", "team.channel.member.add"));

        using var deleted = await alice.Http.DeleteAsync($"{channels}/{ops.ChannelId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(Refused, await bob.AccessAsync(ops));
        // Its name is free again.
        await alice.CreateChannelAsync(team, "Ops", ChannelKindNames.Standard);
    }

    [Fact]
    public async Task Administrator_ManagesAnyTeam_ButNotSomeoneWithMorePrivilege()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var globalUpn = await server.CreateUserAsync(TestHost.UniqueName("global"), ChatPerson.Password, "GlobalAdministrator");
        var adminUpn = await server.CreateUserAsync(TestHost.UniqueName("teamsadmin"), ChatPerson.Password, "TeamsAdministrator");
        var (secret, _) = await server.EnrollMfaAsync(adminUpn, ChatPerson.Password);
        using var admin = server.CreateClient(await server.SignInAsync(adminUpn, ChatPerson.Password, TestHost.Totp(secret)));
        var team = await alice.CreateTeamAsync();
        await alice.AddAsync(team, bob);
        using (var addGlobal = await alice.Http.PostAsJsonAsync($"/api/teams/{team.TeamId}/members", new AddTeamMemberRequest(globalUpn, null)))
        {
            Assert.Equal(HttpStatusCode.OK, addGlobal.StatusCode);
        }

        var seen = await admin.GetFromJsonAsync<TeamView>($"/api/teams/{team.TeamId}");
        Assert.Null(seen!.MyRole);
        using (var removeGlobal = await admin.DeleteAsync($"/api/teams/{team.TeamId}/members/{globalUpn}"))
        {
            await AssertRefusedAsync(removeGlobal, HttpStatusCode.Forbidden, "team.cannot_change");
        }

        using (var removeBob = await admin.DeleteAsync($"/api/teams/{team.TeamId}/members/{bob.Upn}"))
        {
            Assert.Equal(HttpStatusCode.OK, removeBob.StatusCode);
        }

        var audit = await server.AuditAsync("action=team.member.remove&take=1000");
        var record = Assert.Single(audit.EnumerateArray(), r => r.GetProperty("target").GetString() == team.TeamId.ToString());
        Assert.Equal(adminUpn, record.GetProperty("actorUpn").GetString());
    }

    [Fact]
    public async Task TwoOwners_DemotingEachOtherAtOnce_LeaveOneOwner()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var team = await alice.CreateTeamAsync();
        await alice.AddAsync(team, bob, TeamRoleNames.Owner);

        async Task<HttpStatusCode> DemoteAsync(ChatPerson by, ChatPerson whom)
        {
            using var response = await by.Http.PutAsJsonAsync($"/api/teams/{team.TeamId}/members/{whom.Upn}/role", new SetTeamRoleRequest(TeamRoleNames.Member));
            return response.StatusCode;
        }

        var answers = await Task.WhenAll(DemoteAsync(alice, bob), DemoteAsync(bob, alice));

        // Serialized by the team's lock: the first demotion wins, the second finds its caller no longer an owner.
        Assert.Single(answers, a => a == HttpStatusCode.OK);
        var now = await alice.TeamAsync(team);
        Assert.Single(now.Members, m => m.Role == TeamRoleNames.Owner);
        Assert.Single(await ActionsAsync(team.TeamId, "team.member.role"));
    }

    /// <summary>The actions of the audit records of the team among <paramref name="actions"/>, oldest first.</summary>
    private async Task<string[]> ActionsAsync(Guid teamId, params string[] actions)
    {
        var found = new List<(long Id, string Action)>();
        foreach (var action in actions)
        {
            var records = await server.AuditAsync($"action={action}&take=1000");
            found.AddRange(records.EnumerateArray()
                .Where(r => r.GetProperty("target").GetString() == teamId.ToString())
                .Select(r => (r.GetProperty("id").GetInt64(), action)));
        }

        return [.. found.OrderBy(f => f.Id).Select(f => f.Action)];
    }
}

public sealed class SqliteTeamsApiTests(ServerFixture server) : TeamsApiTests(server), IClassFixture<ServerFixture>;

public sealed class PostgresTeamsApiTests(PostgresServerFixture server) : TeamsApiTests(server), IClassFixture<PostgresServerFixture>;
