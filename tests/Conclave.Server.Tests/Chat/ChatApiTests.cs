using System.Net;
using System.Net.Http.Json;
using System.Text;
using Conclave.Contracts.Api;
using Conclave.Domain.Directory;
using Conclave.Server.Chat;
using Conclave.Server.Tests.Fixtures;
using static Conclave.Server.Tests.Chat.ProblemCodes;

namespace Conclave.Server.Tests.Chat;

/// <summary>Every route of /api/chats: what it answers, and each refusal code (docs/api.md, "Chat").</summary>
public sealed class ChatApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Group_Create_Get_List_Topic_AddMember_Leave()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        using var carol = await ChatPerson.NewAsync(server, "carol");

        var chat = await alice.CreateGroupAsync(bob);
        Assert.Equal((ChatKindNames.Group, "Plans", 1L), (chat.Kind, chat.Topic, chat.LastSequence));
        Assert.Equal(new[] { alice.Upn, bob.Upn }.Order(StringComparer.Ordinal), chat.Members.Select(m => m.Upn).Order(StringComparer.Ordinal));

        var got = await bob.Http.GetFromJsonAsync<ChatView>($"/api/chats/{chat.ChatId}");
        Assert.Equal(chat.ChatId, got!.ChatId);

        using (var patched = await bob.Http.PatchAsJsonAsync($"/api/chats/{chat.ChatId}", new UpdateChatRequest("Launch")))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
            var view = await patched.Content.ReadFromJsonAsync<ChatView>();
            Assert.Equal(("Launch", 2L), (view!.Topic, view.LastSequence));
        }

        using (var added = await bob.Http.PostAsJsonAsync($"/api/chats/{chat.ChatId}/members", new AddChatMemberRequest(carol.Upn)))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            Assert.Contains((await added.Content.ReadFromJsonAsync<ChatView>())!.Members, m => m.Upn == carol.Upn);
        }

        var listed = await carol.Http.GetFromJsonAsync<ChatView[]>("/api/chats");
        Assert.Contains(listed!, c => c.ChatId == chat.ChatId);

        using (var left = await carol.Http.DeleteAsync($"/api/chats/{chat.ChatId}/members/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        }

        Assert.DoesNotContain((await carol.Http.GetFromJsonAsync<ChatView[]>("/api/chats"))!, c => c.ChatId == chat.ChatId);
        var events = await alice.EventsAsync(chat.ChatId);
        Assert.Equal(
            [ChatEventKinds.Created, ChatEventKinds.TopicChanged, ChatEventKinds.MembersChanged, ChatEventKinds.MembersChanged],
            events.Events.Select(e => e.Kind).ToArray());
        Assert.Equal([1L, 2, 3, 4], events.Events.Select(e => e.Sequence).ToArray());
        Assert.Equal((4L, false), (events.LastSequence, events.More));
        Assert.Equal([alice.Upn, bob.Upn, bob.Upn, carol.Upn], events.Events.Select(e => e.ActorUpn).ToArray());

        var audit = await server.AuditAsync("action=chat.member.add");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("target").GetString() == chat.ChatId.ToString());
    }

    [Fact]
    public async Task List_IsLatestChangeFirst()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        using var carol = await ChatPerson.NewAsync(server, "carol");
        var first = await alice.CreateGroupAsync(bob);
        var second = await alice.CreateGroupAsync(carol);
        await alice.SendAsync(first.ChatId, "bump");

        var listed = await alice.Http.GetFromJsonAsync<ChatView[]>("/api/chats");
        Assert.Equal([first.ChatId, second.ChatId], listed!.Select(c => c.ChatId).ToArray());
    }

    [Fact]
    public async Task Messages_Send_Edit_React_Delete_AreEventsInOrder()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateOneOnOneAsync(bob);

        var sent = await alice.SendAsync(chat.ChatId, "Hello **Bob**", bob.Upn);
        Assert.Equal((2L, "Hello **Bob**", alice.Upn, false), (sent.Sequence, sent.Text, sent.SenderUpn, sent.Deleted));
        Assert.Equal([bob.Upn], sent.Mentions);

        using (var reply = await bob.SendRawAsync(chat.ChatId, new SendMessageRequest(Guid.NewGuid(), "Hi", sent.MessageId, null)))
        {
            Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
            Assert.Equal(sent.MessageId, (await reply.Content.ReadFromJsonAsync<MessageView>())!.ReplyTo);
        }

        using (var edited = await alice.Http.PatchAsJsonAsync($"/api/chats/{chat.ChatId}/messages/{sent.MessageId}", new EditMessageRequest("Hello *Bob*", null)))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
            var view = await edited.Content.ReadFromJsonAsync<MessageView>();
            Assert.Equal(("Hello *Bob*", 2L), (view!.Text, view.Sequence));
            Assert.NotNull(view.EditedAt);
            Assert.Empty(view.Mentions);
        }

        using (var liked = await bob.Http.PutAsync($"/api/chats/{chat.ChatId}/messages/{sent.MessageId}/reactions/like", null))
        {
            Assert.Equal(HttpStatusCode.OK, liked.StatusCode);
            var reaction = Assert.Single((await liked.Content.ReadFromJsonAsync<MessageView>())!.Reactions);
            Assert.Equal(("like", bob.Upn), (reaction.Reaction, Assert.Single(reaction.Upns)));
        }

        // Again: nothing changes, no event.
        using (var again = await bob.Http.PutAsync($"/api/chats/{chat.ChatId}/messages/{sent.MessageId}/reactions/like", null))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using (var unliked = await bob.Http.DeleteAsync($"/api/chats/{chat.ChatId}/messages/{sent.MessageId}/reactions/like"))
        {
            Assert.Equal(HttpStatusCode.OK, unliked.StatusCode);
            Assert.Empty((await unliked.Content.ReadFromJsonAsync<MessageView>())!.Reactions);
        }

        using (var deleted = await alice.Http.DeleteAsync($"/api/chats/{chat.ChatId}/messages/{sent.MessageId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var events = await bob.EventsAsync(chat.ChatId);
        Assert.Equal(
            [ChatEventKinds.Created, ChatEventKinds.MessageSent, ChatEventKinds.MessageSent, ChatEventKinds.MessageEdited,
             ChatEventKinds.ReactionsChanged, ChatEventKinds.ReactionsChanged, ChatEventKinds.MessageDeleted],
            events.Events.Select(e => e.Kind).ToArray());
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), events.Events.Select(e => e.Sequence));
        // Read later, every event of the message shows it as it stands now: a tombstone.
        Assert.All(events.Events.Where(e => e.Message?.MessageId == sent.MessageId), e => Assert.True(e.Message!.Deleted && e.Message.Text is null));

        var page = await bob.Http.GetFromJsonAsync<MessagePage>($"/api/chats/{chat.ChatId}/messages?take=1");
        var newest = Assert.Single(page!.Messages);
        Assert.Equal(("Hi", 3L), (newest.Text, page.NextBefore));
        var older = await bob.Http.GetFromJsonAsync<MessagePage>($"/api/chats/{chat.ChatId}/messages?before={page.NextBefore}");
        var tombstone = Assert.Single(older!.Messages);
        Assert.Equal((sent.MessageId, true, (string?)null, (long?)null), (tombstone.MessageId, tombstone.Deleted, tombstone.Text, older.NextBefore));
    }

    [Fact]
    public async Task ReadPosition_MovesForwardOnly()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateGroupAsync(bob);
        await alice.SendAsync(chat.ChatId, "one");
        await alice.SendAsync(chat.ChatId, "two");

        using (var read = await bob.Http.PutAsJsonAsync($"/api/chats/{chat.ChatId}/read", new ReadPositionRequest(3)))
        {
            Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        }

        using (var back = await bob.Http.PutAsJsonAsync($"/api/chats/{chat.ChatId}/read", new ReadPositionRequest(1)))
        {
            Assert.Equal(HttpStatusCode.NoContent, back.StatusCode);
        }

        var view = await alice.Http.GetFromJsonAsync<ChatView>($"/api/chats/{chat.ChatId}");
        Assert.Equal(3L, view!.Members.Single(m => m.Upn == bob.Upn).ReadSequence);

        using var beyond = await bob.Http.PutAsJsonAsync($"/api/chats/{chat.ChatId}/read", new ReadPositionRequest(4));
        await AssertRefusedAsync(beyond, HttpStatusCode.BadRequest, "chat.invalid_cursor");
    }

    [Fact]
    public async Task Create_Refusals()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        using var carol = await ChatPerson.NewAsync(server, "carol");
        using var dave = await ChatPerson.NewAsync(server, "dave");
        await ChatPerson.SetAccountAsync(server, carol.Upn, UserKind.Federated, enabled: true);
        await ChatPerson.SetAccountAsync(server, dave.Upn, UserKind.Member, enabled: false);

        async Task Refused(CreateChatRequest request, HttpStatusCode status, string code)
        {
            using var response = await alice.Http.PostAsJsonAsync("/api/chats", request);
            await AssertRefusedAsync(response, status, code);
        }

        await Refused(new CreateChatRequest("Channel", [bob.Upn], null), HttpStatusCode.BadRequest, "chat.invalid_kind");
        await Refused(new CreateChatRequest(ChatKindNames.Group, null, null), HttpStatusCode.BadRequest, "chat.invalid_members");
        await Refused(new CreateChatRequest(ChatKindNames.Group, [alice.Upn], null), HttpStatusCode.BadRequest, "chat.invalid_members");
        await Refused(new CreateChatRequest(ChatKindNames.Group, [bob.Upn, bob.Upn.ToUpperInvariant()], null), HttpStatusCode.BadRequest, "chat.invalid_members");
        await Refused(new CreateChatRequest(ChatKindNames.OneOnOne, [bob.Upn, carol.Upn], null), HttpStatusCode.BadRequest, "chat.invalid_members");
        await Refused(new CreateChatRequest(ChatKindNames.OneOnOne, [bob.Upn], "Topic"), HttpStatusCode.BadRequest, "chat.one_on_one_fixed");
        await Refused(
            new CreateChatRequest(ChatKindNames.Group, [.. Enumerable.Range(0, 250).Select(i => $"user{i}@{TestHost.Domain}")], null),
            HttpStatusCode.BadRequest, "chat.too_many_members");
        await Refused(new CreateChatRequest(ChatKindNames.Group, ["nobody@" + TestHost.Domain], null), HttpStatusCode.BadRequest, "chat.unknown_member");
        await Refused(new CreateChatRequest(ChatKindNames.Group, ["not a upn"], null), HttpStatusCode.BadRequest, "chat.unknown_member");
        await Refused(new CreateChatRequest(ChatKindNames.Group, [carol.Upn], null), HttpStatusCode.Forbidden, "chat.member_not_allowed");
        await Refused(new CreateChatRequest(ChatKindNames.Group, [dave.Upn], null), HttpStatusCode.Forbidden, "chat.member_not_allowed");
        await Refused(new CreateChatRequest(ChatKindNames.Group, [bob.Upn], new string('t', 257)), HttpStatusCode.BadRequest, "chat.invalid_topic");

        Assert.Empty((await alice.Http.GetFromJsonAsync<ChatView[]>("/api/chats"))!);
    }

    [Fact]
    public async Task Membership_And_Topic_Refusals()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        using var guest = await ChatPerson.NewAsync(server, "guest");
        await ChatPerson.SetAccountAsync(server, guest.Upn, UserKind.Guest, enabled: true);
        var pair = await alice.CreateOneOnOneAsync(bob);
        var group = await alice.CreateGroupAsync(bob);

        using (var r = await alice.Http.PostAsJsonAsync($"/api/chats/{pair.ChatId}/members", new AddChatMemberRequest(guest.Upn)))
        {
            await AssertRefusedAsync(r, HttpStatusCode.BadRequest, "chat.one_on_one_fixed");
        }

        using (var r = await alice.Http.PatchAsJsonAsync($"/api/chats/{pair.ChatId}", new UpdateChatRequest("x")))
        {
            await AssertRefusedAsync(r, HttpStatusCode.BadRequest, "chat.one_on_one_fixed");
        }

        using (var r = await alice.Http.DeleteAsync($"/api/chats/{pair.ChatId}/members/me"))
        {
            await AssertRefusedAsync(r, HttpStatusCode.BadRequest, "chat.one_on_one_fixed");
        }

        using (var r = await alice.Http.PostAsJsonAsync($"/api/chats/{group.ChatId}/members", new AddChatMemberRequest(bob.Upn)))
        {
            await AssertRefusedAsync(r, HttpStatusCode.Conflict, "chat.already_member");
        }

        using (var r = await alice.Http.PatchAsJsonAsync($"/api/chats/{group.ChatId}", new UpdateChatRequest("bell\u0007")))
        {
            await AssertRefusedAsync(r, HttpStatusCode.BadRequest, "chat.invalid_topic");
        }

        // A guest with an enabled account may chat.
        using (var r = await alice.Http.PostAsJsonAsync($"/api/chats/{group.ChatId}/members", new AddChatMemberRequest(guest.Upn)))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        using (var r = await alice.Http.GetAsync($"/api/chats/{Guid.NewGuid()}"))
        {
            await AssertRefusedAsync(r, HttpStatusCode.NotFound, "chat.not_found");
        }

        using (var r = await alice.Http.GetAsync("/api/chats/not-a-chat"))
        {
            await AssertRefusedAsync(r, HttpStatusCode.NotFound, "chat.not_found");
        }
    }

    [Fact]
    public async Task Message_Refusals()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        using var carol = await ChatPerson.NewAsync(server, "carol");
        var chat = await alice.CreateGroupAsync(bob);
        var sent = await alice.SendAsync(chat.ChatId, "first");
        var messages = $"/api/chats/{chat.ChatId}/messages";

        async Task Refused(Task<HttpResponseMessage> call, HttpStatusCode status, string code)
        {
            using var response = await call;
            await AssertRefusedAsync(response, status, code);
        }

        await Refused(alice.SendRawAsync(chat.ChatId, new SendMessageRequest(null, "x", null, null)), HttpStatusCode.BadRequest, "chat.missing_client_message_id");
        await Refused(alice.SendRawAsync(chat.ChatId, new SendMessageRequest(Guid.NewGuid(), " \n ", null, null)), HttpStatusCode.BadRequest, "chat.invalid_text");
        await Refused(alice.SendRawAsync(chat.ChatId, new SendMessageRequest(Guid.NewGuid(), "bell \u0007", null, null)), HttpStatusCode.BadRequest, "chat.invalid_text");
        await Refused(
            alice.SendRawAsync(chat.ChatId, new SendMessageRequest(Guid.NewGuid(), new string('a', 28_001), null, null)),
            HttpStatusCode.RequestEntityTooLarge, "chat.text_too_long");
        await Refused(alice.SendRawAsync(chat.ChatId, new SendMessageRequest(Guid.NewGuid(), "hi", null, [carol.Upn])), HttpStatusCode.BadRequest, "chat.invalid_mention");
        await Refused(alice.SendRawAsync(chat.ChatId, new SendMessageRequest(Guid.NewGuid(), "hi", Guid.NewGuid(), null)), HttpStatusCode.BadRequest, "chat.invalid_reply");
        await Refused(alice.SendRawAsync(chat.ChatId, new SendMessageRequest(sent.ClientMessageId, "other text", null, null)), HttpStatusCode.Conflict, "chat.client_message_id_reused");
        await Refused(alice.Http.PatchAsJsonAsync($"{messages}/{Guid.NewGuid()}", new EditMessageRequest("x", null)), HttpStatusCode.NotFound, "chat.message_not_found");
        await Refused(bob.Http.PatchAsJsonAsync($"{messages}/{sent.MessageId}", new EditMessageRequest("x", null)), HttpStatusCode.Forbidden, "chat.not_sender");
        await Refused(bob.Http.DeleteAsync($"{messages}/{sent.MessageId}"), HttpStatusCode.Forbidden, "chat.not_sender");
        await Refused(bob.Http.PutAsync($"{messages}/{sent.MessageId}/reactions/thumbsup", null), HttpStatusCode.BadRequest, "chat.unknown_reaction");
        await Refused(alice.Http.GetAsync($"/api/chats/{chat.ChatId}/events?take=0"), HttpStatusCode.BadRequest, "chat.invalid_cursor");
        await Refused(alice.Http.GetAsync($"/api/chats/{chat.ChatId}/events?take=201"), HttpStatusCode.BadRequest, "chat.invalid_cursor");
        await Refused(alice.Http.GetAsync($"/api/chats/{chat.ChatId}/events?after=-1"), HttpStatusCode.BadRequest, "chat.invalid_cursor");
        await Refused(alice.Http.GetAsync($"/api/chats/{chat.ChatId}/events?after=abc"), HttpStatusCode.BadRequest, "chat.invalid_cursor");
        await Refused(alice.Http.GetAsync($"/api/chats/{chat.ChatId}/events?take=4294967297"), HttpStatusCode.BadRequest, "chat.invalid_cursor");
        await Refused(alice.Http.GetAsync($"{messages}?before=-1"), HttpStatusCode.BadRequest, "chat.invalid_cursor");

        using (var deleted = await alice.Http.DeleteAsync($"{messages}/{sent.MessageId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await Refused(alice.Http.PatchAsJsonAsync($"{messages}/{sent.MessageId}", new EditMessageRequest("x", null)), HttpStatusCode.Conflict, "chat.message_deleted");
        await Refused(bob.Http.PutAsync($"{messages}/{sent.MessageId}/reactions/like", null), HttpStatusCode.Conflict, "chat.message_deleted");

        // Refusals took no sequence: the chat's log is the create, the send and the delete.
        Assert.Equal(3L, (await alice.EventsAsync(chat.ChatId)).LastSequence);
    }

    [Fact]
    public async Task NonMember_IsRefusedOnEveryRoute_AndNothingIsStored()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        using var mallory = await ChatPerson.NewAsync(server, "mallory");
        var chat = await alice.CreateGroupAsync(bob);
        var sent = await alice.SendAsync(chat.ChatId, "private");
        var root = $"/api/chats/{chat.ChatId}";
        var message = $"{root}/messages/{sent.MessageId}";
        var calls = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, root, null),
            (HttpMethod.Patch, root, new UpdateChatRequest("mine")),
            (HttpMethod.Post, $"{root}/members", new AddChatMemberRequest(mallory.Upn)),
            (HttpMethod.Delete, $"{root}/members/me", null),
            (HttpMethod.Post, $"{root}/messages", new SendMessageRequest(Guid.NewGuid(), "let me in", null, null)),
            (HttpMethod.Get, $"{root}/messages", null),
            (HttpMethod.Patch, message, new EditMessageRequest("changed", null)),
            (HttpMethod.Delete, message, null),
            (HttpMethod.Put, $"{message}/reactions/like", null),
            (HttpMethod.Delete, $"{message}/reactions/like", null),
            (HttpMethod.Get, $"{root}/events", null),
            (HttpMethod.Put, $"{root}/read", new ReadPositionRequest(1)),
        };
        foreach (var (method, path, body) in calls)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType()) };
            using var response = await mallory.Http.SendAsync(request);
            Assert.True(
                response.StatusCode == HttpStatusCode.Forbidden && await CodeOfAsync(response) == "chat.not_member",
                $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var events = await alice.EventsAsync(chat.ChatId);
        Assert.Equal(2L, events.LastSequence);
        var view = await alice.Http.GetFromJsonAsync<ChatView>(root);
        Assert.Equal(("Plans", 2), (view!.Topic, view.Members.Count));
        var page = await alice.Http.GetFromJsonAsync<MessagePage>($"{root}/messages");
        var only = Assert.Single(page!.Messages);
        Assert.Equal(("private", false), (only.Text, only.Deleted));
        Assert.Empty(only.Reactions);
    }

    [Fact]
    public async Task MalformedOrOversizedBodies_AreProblemDetails()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateGroupAsync(bob);

        using (var malformed = await alice.Http.PostAsync($"/api/chats/{chat.ChatId}/messages", new StringContent("{\"text\":", Encoding.UTF8, "application/json")))
        {
            await AssertRefusedAsync(malformed, HttpStatusCode.BadRequest, "request.malformed");
        }

        // A lone surrogate cannot even be read as JSON text: refused before the text rules see it.
        var surrogate = "{\"clientMessageId\":\"" + Guid.NewGuid() + "\",\"text\":\"half \\ud800 a pair\"}";
        using (var lone = await alice.Http.PostAsync($"/api/chats/{chat.ChatId}/messages", new StringContent(surrogate, Encoding.UTF8, "application/json")))
        {
            await AssertRefusedAsync(lone, HttpStatusCode.BadRequest, "request.malformed");
        }

        var huge = "{\"clientMessageId\":\"" + Guid.NewGuid() + "\",\"text\":\"" + new string('a', (int)ChatEndpoints.MaxMessageBodyBytes) + "\"}";
        using (var oversized = await alice.Http.PostAsync($"/api/chats/{chat.ChatId}/messages", new StringContent(huge, Encoding.UTF8, "application/json")))
        {
            // The endpoint's own cap, not the text rule: the body is refused before it is read.
            await AssertRefusedAsync(oversized, HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        }

        Assert.Equal(1L, (await alice.EventsAsync(chat.ChatId)).LastSequence);
    }
}
