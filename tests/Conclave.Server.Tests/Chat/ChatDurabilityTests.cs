using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Contracts.Api;
using Conclave.Server.Tests.Hosting;
using Xunit.Abstractions;

namespace Conclave.Server.Tests.Chat;

/// <summary>
/// A message is acknowledged only once it is durably stored (issue 12). Eight senders send to one chat while the
/// server process is killed with SIGKILL at random moments; after the last restart every message that was
/// acknowledged is in the chat (goal: 0 lost), the unacknowledged ones sent again with their ClientMessageId are
/// stored once, and the chat's sequence has no gap. On SQLite and on PostgreSQL.
/// </summary>
public sealed class ChatDurabilityTests(ITestOutputHelper output)
{
    private const string Domain = "durable-chat.test";
    private const string AdminUpn = "admin@" + Domain;
    private const string BootstrapPassword = "bootstrap-password-123";
    private const string AdminPassword = "admin-durable-password-123";
    private const int MinKillRounds = 3;
    private const int MaxKillRounds = 5;
    private static readonly TimeSpan KillBudget = TimeSpan.FromSeconds(40);
    private const int Senders = 8;
    private const int AcknowledgedPerRound = 8;
    private static readonly TimeSpan RoundLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public Task AcknowledgedMessages_SurviveKill9_Sqlite() => UnderKill9Async(postgres: null);

    [SkippableFact]
    public Task AcknowledgedMessages_SurviveKill9_Postgres() => UnderKill9Async(TestPostgres.NewDatabase("conclave_chat"));

    private async Task UnderKill9Async(string? postgres)
    {
        var clock = Stopwatch.StartNew();
        using var process = new ServerProcess();
        var args = await BootstrapAdmin.PrepareRestartableAsync(process, Domain, "https://durable-chat.test/", BootstrapPassword);
        if (postgres is not null)
        {
            process.Environment["Conclave__Database__Provider"] = "postgres";
            process.Environment["Conclave__Database__ConnectionString"] = postgres;
        }

        string token;
        Guid chatId;
        using (var first = await process.StartAsync(args))
        {
            token = await BootstrapAdmin.SignInAsync(first, AdminUpn, BootstrapPassword, AdminPassword);
            using var client = first.CreateClient(token);
            await BootstrapAdmin.OkAsync(await client.PostAsJsonAsync("/api/admin/users", new CreateUser("bob@" + Domain, "Bob", "bob-password-12345", null, null)));
            var chat = await BootstrapAdmin.OkAsync(await client.PostAsJsonAsync("/api/chats", new CreateChatRequest(ChatKindNames.Group, ["bob@" + Domain], "durable")));
            chatId = chat.GetProperty("chatId").GetGuid();
            first.Kill();
        }

        var load = new MessageLoad(chatId);
        var rounds = 0;
        for (; rounds < MaxKillRounds && (rounds < MinKillRounds || clock.Elapsed < KillBudget); rounds++)
        {
            using var server = await process.StartAsync(args);
            using var client = server.CreateClient(token);
            using var stop = new CancellationTokenSource();
            var sending = Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => load.SendUntilAsync(client, stop.Token)));
            // A fresh process answers its first requests slowly (JIT, EF model): the kill comes once this round has had
            // some messages acknowledged (bounded), at a random moment after, with requests in flight.
            var progress = Stopwatch.StartNew();
            var before = load.Acknowledged.Count;
            while (load.Acknowledged.Count < before + AcknowledgedPerRound && progress.Elapsed < RoundLimit)
            {
                await Task.Delay(20);
            }

            await Task.Delay(Random.Shared.Next(0, 1000));
            server.Kill();
            await stop.CancelAsync();
            await sending;
        }

        using var restarted = await process.StartAsync(args);
        using var settled = restarted.CreateClient(token);
        var resent = await load.ResendUnacknowledgedAsync(settled);
        var events = await AllEventsAsync(settled, chatId);
        restarted.Kill();

        var stored = events.Where(e => e.Kind == ChatEventKinds.MessageSent).Select(e => e.Message!.ClientMessageId).ToList();
        var lost = load.Acknowledged.Except(stored).ToList();
        output.WriteLine(
            $"{(postgres is null ? "SQLite" : "PostgreSQL")}, kill -9 x{rounds}: {load.Acknowledged.Count} acknowledged, {resent} unacknowledged sent again, " +
            $"{stored.Count} stored, {lost.Count} lost; {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(load.Acknowledged.Count >= 20, $"only {load.Acknowledged.Count} messages acknowledged");
        Assert.Empty(lost);
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.Equal(load.Acknowledged.Count + resent, stored.Count);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(n => (long)n), events.Select(e => e.Sequence));
    }

    private static async Task<List<ChatEvent>> AllEventsAsync(HttpClient client, Guid chatId)
    {
        var events = new List<ChatEvent>();
        while (true)
        {
            var page = (await BootstrapAdmin.OkAsync(await client.GetAsync($"/api/chats/{chatId}/events?after={events.Count}&take=200")))
                .Deserialize<ChatEventPage>(JsonSerializerOptions.Web)!;
            events.AddRange(page.Events);
            if (!page.More || page.Events.Count == 0)
            {
                return events;
            }
        }
    }

    /// <summary>Senders of messages with fresh ClientMessageIds; which were acknowledged, which were cut off.</summary>
    private sealed class MessageLoad(Guid chatId)
    {
        private readonly ConcurrentBag<Guid> _acknowledged = [];
        private readonly ConcurrentBag<Guid> _unacknowledged = [];

        public IReadOnlyCollection<Guid> Acknowledged => [.. _acknowledged];

        public async Task SendUntilAsync(HttpClient client, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var id = Guid.NewGuid();
                try
                {
                    using var response = await client.PostAsJsonAsync($"/api/chats/{chatId}/messages", new SendMessageRequest(id, $"message {id:N}", null, null), CancellationToken.None);
                    if (response.IsSuccessStatusCode)
                    {
                        _acknowledged.Add(id);
                    }
                    else
                    {
                        _unacknowledged.Add(id);
                    }
                }
                catch (HttpRequestException)
                {
                    // The server died with the request in flight: stored or not, nobody was told it was.
                    _unacknowledged.Add(id);
                    return;
                }
            }
        }

        /// <summary>Sends each unacknowledged message again with its ClientMessageId; returns how many.</summary>
        public async Task<int> ResendUnacknowledgedAsync(HttpClient client)
        {
            var ids = _unacknowledged.ToList();
            foreach (var id in ids)
            {
                await BootstrapAdmin.OkAsync(await client.PostAsJsonAsync($"/api/chats/{chatId}/messages", new SendMessageRequest(id, $"message {id:N}", null, null)));
            }

            return ids.Count;
        }
    }
}
