using System.Net;
using System.Net.Http.Json;
using System.Text;
using Conclave.Contracts.Api;
using Conclave.Server.Chat;
using Conclave.Server.Storage;
using Conclave.Server.Tests.Fixtures;
using Conclave.Server.Tests.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Chat;

/// <summary>
/// What the store must hold under concurrency, on each provider: one chat per pair, gap-free sequences committed in
/// order, idempotent resends, and ciphertext at rest.
/// </summary>
public abstract class ChatConsistencyTests(ServerFixture server)
{
    [Fact]
    public async Task OneOnOne_EightConcurrentCreates_MakeOneChat()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            // From both sides: the pair is the same whoever creates it.
            var (from, to) = i % 2 == 0 ? (alice, bob) : (bob, alice);
            using var response = await from.Http.PostAsJsonAsync("/api/chats", new CreateChatRequest(ChatKindNames.OneOnOne, [to.Upn], null));
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<ChatView>())!.ChatId);
        }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(7, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Single(answers.Select(a => a.ChatId).Distinct());
        Assert.Single((await alice.Http.GetFromJsonAsync<ChatView[]>("/api/chats"))!);
        var events = await bob.EventsAsync(answers[0].ChatId);
        Assert.Equal(ChatEventKinds.Created, Assert.Single(events.Events).Kind);
    }

    [Fact]
    public async Task FiftyConcurrentSends_TakeGapFreeSequences_AndEventsListThemInOrder()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateGroupAsync(bob);

        var sent = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => (i % 2 == 0 ? alice : bob).SendAsync(chat.ChatId, $"message {i}")));

        // Each send was answered after its commit with its own sequence: 2..51, none twice, none missing.
        Assert.Equal(Enumerable.Range(2, 50).Select(i => (long)i), sent.Select(m => m.Sequence).Order());
        var events = await alice.EventsAsync(chat.ChatId);
        Assert.Equal(Enumerable.Range(1, 51).Select(i => (long)i), events.Events.Select(e => e.Sequence));
        Assert.Equal((51L, false), (events.LastSequence, events.More));
        Assert.All(events.Events.Skip(1), e => Assert.Equal(sent.Single(m => m.Sequence == e.Sequence).MessageId, e.Message!.MessageId));

        // Paging by the last applied sequence gives the same log.
        var first = await alice.EventsAsync(chat.ChatId, after: 0, take: 20);
        var rest = await alice.EventsAsync(chat.ChatId, after: first.Events[^1].Sequence, take: 200);
        Assert.True(first.More);
        Assert.Equal(events.Events.Select(e => e.Sequence), first.Events.Concat(rest.Events).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Resend_SameClientMessageId_AnswersTheStoredMessage_AndStoresNothing()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateOneOnOneAsync(bob);
        var request = new SendMessageRequest(Guid.NewGuid(), "only once", null, [bob.Upn]);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var response = await alice.SendRawAsync(chat.ChatId, request);
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<MessageView>())!);
        }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Single(answers.Select(a => a.Item2.MessageId).Distinct());
        var events = await bob.EventsAsync(chat.ChatId);
        Assert.Equal([ChatEventKinds.Created, ChatEventKinds.MessageSent], events.Events.Select(e => e.Kind).ToArray());
    }

    [Fact]
    public async Task StoredBody_IsNotThePlaintext()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateOneOnOneAsync(bob);
        const string Secret = "the launch code is 0451";
        var sent = await alice.SendAsync(chat.ChatId, Secret, bob.Upn);

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConclaveDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"ProtectedBody\" FROM \"{ChatMessageRecord.Table}\" WHERE \"Id\" = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        // SQLite keeps a GUID as upper-case text, PostgreSQL as a uuid.
        parameter.Value = db.Database.IsNpgsql() ? sent.MessageId : sent.MessageId.ToString().ToUpperInvariant();
        command.Parameters.Add(parameter);
        var stored = (byte[]?)await command.ExecuteScalarAsync();

        Assert.NotNull(stored);
        Assert.True(stored.Length > Secret.Length);
        Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Secret)));
        Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(bob.Upn)));
        // ...and the API still reads it.
        var page = await bob.Http.GetFromJsonAsync<MessagePage>($"/api/chats/{chat.ChatId}/messages");
        Assert.Equal(Secret, Assert.Single(page!.Messages).Text);
    }
}

public sealed class SqliteChatConsistencyTests(ServerFixture server) : ChatConsistencyTests(server), IClassFixture<ServerFixture>;

public sealed class PostgresChatConsistencyTests(PostgresServerFixture server) : ChatConsistencyTests(server), IClassFixture<PostgresServerFixture>;
