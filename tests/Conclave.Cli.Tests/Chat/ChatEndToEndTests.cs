using System.Text.Json;
using Conclave.Cli.Tests.Calls;
using Conclave.Client.Api;
using Conclave.Client.Auth;
using Conclave.Client.Chat;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Tests.Chat;

/// <summary>
/// Chats between .NET clients on the real server: live delivery to every member's devices, exact catch-up of a device
/// that was away (any schedule of sends, disconnections and reconnections), and the <c>conclave chat</c> verbs.
/// </summary>
[Collection(CallCollection.Name)]
public sealed class ChatEndToEndTests(CallServerFixture server) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task OneOnOneAndGroupChat_EveryMembersDevicesGetEachMessageOnce_AndANonMemberNothing()
    {
        var (aliceUpn, bobUpn, carolUpn) = (await server.CreateUserAsync("alice"), await server.CreateUserAsync("bob"), await server.CreateUserAsync("carol"));
        using var alice = await server.SignInAsync(aliceUpn);
        using var bob = await server.SignInAsync(bobUpn);
        using var carol = await server.SignInAsync(carolUpn);
        using var dave = await server.SignInAsync(await server.CreateUserAsync("dave"));
        await using var aliceDevice = await ChatClient.ConnectAsync(alice, new ChatClientOptions(), None);
        await using var bobLaptop = await ChatClient.ConnectAsync(bob, new ChatClientOptions(), None);
        await using var bobPhone = await ChatClient.ConnectAsync(bob, new ChatClientOptions(), None);
        await using var carolDevice = await ChatClient.ConnectAsync(carol, new ChatClientOptions(), None);
        await using var daveDevice = await ChatClient.ConnectAsync(dave, new ChatClientOptions(), None);

        var pair = await aliceDevice.Api.CreateAsync(ChatKindNames.OneOnOne, [bobUpn], null, None);
        var again = await bobLaptop.Api.CreateAsync(ChatKindNames.OneOnOne, [aliceUpn], null, None);
        Assert.Equal(pair.ChatId, again.ChatId);
        var group = await bobLaptop.Api.CreateAsync(ChatKindNames.Group, [aliceUpn, carolUpn], "Release", None);

        var hello = await aliceDevice.Api.SendReliablyAsync(pair.ChatId, "hello **bob**", null, null, 1, None);
        var plan = await carolDevice.Api.SendReliablyAsync(group.ChatId, "the plan", null, [aliceUpn], 1, None);

        foreach (var device in new[] { bobLaptop, bobPhone })
        {
            var events = await ReadAsync(device, e => e.Kind == ChatEventKinds.MessageSent, count: 2);
            Assert.Equal(["hello **bob**", "the plan"], events.Select(e => e.Message!.Text).Order());
        }

        var aliceSees = await ReadAsync(aliceDevice, e => e.Kind == ChatEventKinds.MessageSent, count: 2);
        Assert.Contains(aliceSees, e => e.Message!.MessageId == hello.MessageId);
        Assert.Contains(aliceSees, e => e.Message!.MessageId == plan.MessageId && e.Message.Mentions.Contains(aliceUpn));
        var carolSees = await ReadAsync(carolDevice, e => e.Kind == ChatEventKinds.MessageSent, count: 1);
        Assert.Equal(plan.MessageId, carolSees.Single().Message!.MessageId);

        // Dave is in neither chat: nothing reaches him, and the API refuses him the chat.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAsync(daveDevice, _ => true, count: 1, TimeSpan.FromSeconds(1)));
        var refused = await Assert.ThrowsAsync<ApiProblemException>(() => daveDevice.Api.GetEventsAsync(pair.ChatId, 0, 10, None));
        Assert.Equal((403, "chat.not_member"), (refused.StatusCode, refused.Code));
    }

    [Fact]
    public async Task ADeviceThatWasAway_CatchesUpExactly_WhateverTheScheduleOfSendsAndReconnections()
    {
        using var alice = await server.SignInAsync(await server.CreateUserAsync("alice"));
        var bobUpn = await server.CreateUserAsync("bob");
        using var bob = await server.SignInAsync(bobUpn);
        var chat = await new ChatApi(alice.Api).CreateAsync(ChatKindNames.Group, [bobUpn], "catch-up", None);
        var random = new Random(20261207);
        for (var schedule = 0; schedule < 6; schedule++)
        {
            var sent = new List<Guid>();
            var received = new List<ChatEvent>();
            var cursors = new Dictionary<Guid, long> { [chat.ChatId] = (await new ChatApi(bob.Api).GetAsync(chat.ChatId, None)).LastSequence };
            ChatClient? bobDevice = await ChatClient.ConnectAsync(bob, new ChatClientOptions { ResumeFrom = cursors }, None);
            for (var step = 0; step < 10; step++)
            {
                switch (random.Next(4))
                {
                    case 0 or 1:
                        // Alice sends one to three messages, from either side of Bob's connection.
                        for (var n = random.Next(1, 4); n > 0; n--)
                        {
                            sent.Add((await new ChatApi(alice.Api).SendReliablyAsync(chat.ChatId, $"s{schedule} m{sent.Count}", null, null, 1, None)).MessageId);
                        }

                        break;
                    case 2 when bobDevice is not null:
                        // Bob goes away: what his device delivered up to then, and its cursor, which says exactly how far that was.
                        await bobDevice.DisposeAsync();
                        received.AddRange(await RemainingAsync(bobDevice));
                        cursors = new Dictionary<Guid, long>(bobDevice.Cursors);
                        bobDevice = null;
                        break;
                    case 3 when bobDevice is null:
                        bobDevice = await ChatClient.ConnectAsync(bob, new ChatClientOptions { ResumeFrom = cursors }, None);
                        break;
                }
            }

            bobDevice ??= await ChatClient.ConnectAsync(bob, new ChatClientOptions { ResumeFrom = cursors }, None);
            var expected = sent.Count;
            var messages = received.Where(e => e.Kind == ChatEventKinds.MessageSent).ToList();
            if (messages.Count < expected)
            {
                messages.AddRange(await ReadAsync(bobDevice, e => e.Kind == ChatEventKinds.MessageSent, expected - messages.Count));
            }

            await bobDevice.DisposeAsync();
            messages.AddRange((await RemainingAsync(bobDevice)).Where(e => e.Kind == ChatEventKinds.MessageSent));
            Assert.Equal(sent, messages.Select(e => e.Message!.MessageId));
            Assert.Equal(messages.Select(e => e.Sequence).Order(), messages.Select(e => e.Sequence));
        }
    }

    [Fact]
    public async Task ChatVerbs_StartSendListShowAndWatch()
    {
        var aliceUpn = await server.CreateUserAsync("alice");
        var bobUpn = await server.CreateUserAsync("bob");
        using var bob = await server.SignInAsync(bobUpn);
        var login = await _cli.RunWithInputAsync(
            CallServerFixture.Password + "\n", "login", "--server", server.Endpoint.BaseAddress.GetLeftPart(UriPartial.Authority), "--user", aliceUpn, "--password-stdin");
        Assert.True(login.ExitCode == ExitCodes.Ok, login.ToString());

        var sent = await _cli.RunAsync("chat", "send", bobUpn, "first from the CLI", "-o", "json");
        Assert.True(sent.ExitCode == ExitCodes.Ok, sent.ToString());
        var chatId = JsonDocument.Parse(sent.Stdout).RootElement.GetProperty("chatId").GetGuid();
        var bobChats = await new ChatApi(bob.Api).ListAsync(None);
        Assert.Equal(chatId, Assert.Single(bobChats).ChatId);

        // watch prints what Bob sends while it runs, one JSON event per line, until cancelled.
        using var stop = new CancellationTokenSource();
        using var output = new LineWriter();
        var watch = _cli.RunAsync(TextReader.Null, output, TextWriter.Null, stop.Token, "chat", "watch", "-o", "json");
        var line = output.WaitForLineAsync(l => l.Contains("from bob", StringComparison.Ordinal));
        await WaitUntilWatchingAsync(bob, chatId, line);
        using (var watched = JsonDocument.Parse(await line.Within()))
        {
            Assert.Equal(ChatEventKinds.MessageSent, watched.RootElement.GetProperty("kind").GetString());
        }

        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Ok, await watch.Within());

        var history = await _cli.RunAsync("chat", "history", bobUpn);
        Assert.True(history.ExitCode == ExitCodes.Ok, history.ToString());
        Assert.True(
            history.Stdout.IndexOf("first from the CLI", StringComparison.Ordinal) < history.Stdout.IndexOf("from bob", StringComparison.Ordinal),
            history.ToString());
        var list = await _cli.RunAsync("chat", "list");
        Assert.Contains(chatId.ToString("D"), list.Stdout, StringComparison.Ordinal);
        var group = await _cli.RunAsync("chat", "new", bobUpn, "--topic", "Ops", "-o", "json");
        Assert.Equal("Group", JsonDocument.Parse(group.Stdout).RootElement.GetProperty("kind").GetString());

        var empty = await _cli.RunAsync("chat", "send", chatId.ToString("D"), "   ");
        Assert.Equal(ExitCodes.Refused, empty.ExitCode);
        Assert.Contains("chat.invalid_text", empty.Stderr, StringComparison.Ordinal);
        var notAChat = await _cli.RunAsync("chat", "history", "nobody");
        Assert.Equal(ExitCodes.Usage, notAChat.ExitCode);
        var bad = await _cli.RunAsync("chat", "history", bobUpn, "--take", "0");
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
    }

    /// <summary>Bob sends until the watcher has printed his message (the watcher connects in the background); each send is a new message.</summary>
    private static async Task WaitUntilWatchingAsync(ConclaveSession bob, Guid chatId, Task<string> printed)
    {
        var api = new ChatApi(bob.Api);
        for (var attempt = 0; attempt < 50 && !printed.IsCompleted; attempt++)
        {
            await api.SendReliablyAsync(chatId, $"from bob {attempt}", null, null, 1, None);
            await Task.WhenAny(printed, Task.Delay(200));
        }
    }

    /// <summary>The next <paramref name="count"/> events that match, within <paramref name="limit"/> (default: the tests' bound).</summary>
    private static async Task<List<ChatEvent>> ReadAsync(ChatClient device, Func<ChatEvent, bool> match, int count, TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? Bounded.Limit);
        var found = new List<ChatEvent>();
        await foreach (var chatEvent in device.ReadEventsAsync(timeout.Token))
        {
            if (match(chatEvent))
            {
                found.Add(chatEvent);
                if (found.Count == count)
                {
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>What a disposed device delivered and nobody read yet.</summary>
    private static async Task<List<ChatEvent>> RemainingAsync(ChatClient device)
    {
        var remaining = new List<ChatEvent>();
        await foreach (var chatEvent in device.ReadEventsAsync(None))
        {
            remaining.Add(chatEvent);
        }

        return remaining;
    }
}
