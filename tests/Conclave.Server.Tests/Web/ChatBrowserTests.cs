using Conclave.Client.Auth;
using Conclave.Client.Chat;
using Conclave.Client.Teams;
using Conclave.Contracts.Api;
using Conclave.Server.Tests.Dlp;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// The web app's Chat screen in Chromium against the real server, with two people on the .NET SDK
/// (<see cref="ChatClient"/>) at the other ends: messages cross both ways live in a one-to-one and a group chat,
/// markup in a message stays text, and a page that was offline shows what it missed once and in order. The Teams
/// screen carries a channel's posts the same way, and makes teams and channels the clients see.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCallCollection.Name)]
public sealed class ChatBrowserTests(BrowserCallFixture fixture)
{
    private const string Composer = "#composer";

    /// <summary>The stored messages' texts on the page (not the ones still on their way).</summary>
    private const string ShownMessages = ".message-list li.message:not(.pending) .message-text";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OneOnOneAndGroup_PageAndClientsExchangeMessagesLive()
    {
        await using var people = await ChatPeople.StartAsync(fixture, "exchange");
        await using var page = await fixture.OpenSignedInAsync("chat-exchange", people.PageUpn);

        // One-to-one: the SDK's person starts it, the page opens it from its chat list.
        var pair = await people.Ann.Api.CreateAsync(ChatKindNames.OneOnOne, [people.PageUpn], null, CancellationToken.None);
        await page.GoToAsync(new Uri(fixture.BaseAddress, "/chat"));
        await page.ClickAsync($"#chat-list a[data-chat-id='{pair.ChatId}']");
        await people.Ann.Api.SendAsync(pair.ChatId, new SendMessageRequest(Guid.NewGuid(), "Hello from **Ann**", null, null), CancellationToken.None);
        var (shown, _) = await page.TextsAsync(ShownMessages, atLeast: 1);
        Assert.Equal(["Hello from Ann"], shown);
        Assert.Equal(1, await page.CountAsync($"{ShownMessages} strong"));

        await page.FillAsync(Composer, "Hi Ann, from the browser");
        await page.PressAsync(Composer, "Enter");
        var atAnn = await ChatPeople.NextMessageAsync(people.Ann, pair.ChatId, "Hi Ann, from the browser");
        Assert.Equal(people.PageUpn, atAnn.SenderUpn, ignoreCase: true);

        // Group: Ben starts it with Ann and the page; each side's messages reach the others.
        var group = await people.Ben.Api.CreateAsync(ChatKindNames.Group, [people.AnnUpn, people.PageUpn], "Launch", CancellationToken.None);
        await page.GoToAsync(new Uri(fixture.BaseAddress, $"/chat/{group.ChatId}"));
        Assert.Contains("Launch", await page.TextAsync("#conversation-title"), StringComparison.Ordinal);
        await people.Ben.Api.SendAsync(group.ChatId, new SendMessageRequest(Guid.NewGuid(), "Ben here", null, null), CancellationToken.None);
        await people.Ann.Api.SendAsync(group.ChatId, new SendMessageRequest(Guid.NewGuid(), "Ann too", null, null), CancellationToken.None);
        (shown, _) = await page.TextsAsync(ShownMessages, atLeast: 2);
        Assert.Equal(["Ben here", "Ann too"], shown);

        await page.FillAsync(Composer, "The browser agrees");
        await page.PressAsync(Composer, "Enter");
        var atBen = await ChatPeople.NextMessageAsync(people.Ben, group.ChatId, "The browser agrees");
        var atAnnToo = await ChatPeople.NextMessageAsync(people.Ann, group.ChatId, "The browser agrees");
        Assert.Equal(atBen.MessageId, atAnnToo.MessageId);
        (shown, _) = await page.TextsAsync(ShownMessages, atLeast: 3);
        Assert.Equal(["Ben here", "Ann too", "The browser agrees"], shown);

        // Both chats are in the list, the group (the latest change) first.
        var (titles, _) = await page.TextsAsync("#chat-list a .chat-title", atLeast: 2);
        var ann = pair.Members.Single(m => string.Equals(m.Upn, people.AnnUpn, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["Launch", ann.DisplayName ?? ann.Upn], titles.Select(t => t.Trim()).ToArray());

        // The page starts a group chat of its own from "New chat"; the clients are in it.
        await page.ClickAsync(".new-chat summary");
        await page.CheckAsync("input[name='new-chat-kind'][value='Group']");
        await page.FillAsync("#new-chat-members", $"{people.AnnUpn}, {people.BenUpn}");
        await page.FillAsync("#new-chat-topic", "From the browser");
        await page.ClickAsync("#new-chat-create");
        var created = await ChatPeople.NextEventAsync(people.Ben, e => e.Kind == ChatEventKinds.Created && e.Chat?.Topic == "From the browser");
        Assert.Equal(3, created.Chat!.Members.Count);
        Assert.Contains("From the browser", await page.TextAsync("#conversation-title", "From the browser"), StringComparison.Ordinal);
        await page.GoToAsync(new Uri(fixture.BaseAddress, $"/chat/{group.ChatId}"));

        // The conversation screen passes axe-core in both themes, wide and narrow (screenshots app-chat-conversation-*).
        var problems = new List<string>();
        await WebAppScreenTests.AuditAsync(page, "chat-conversation", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Channel_PageAndClientsExchangePosts_AndThePageCreatesAPrivateChannelTheClientsSeeAsTheirRolesAllow()
    {
        await using var people = await ChatPeople.StartAsync(fixture, "channel");
        await using var page = await fixture.OpenSignedInAsync("chat-channel", people.PageUpn);
        var team = await people.AnnTeams.CreateAsync("Launch team", "Everything about the launch", TeamVisibilityNames.Private, CancellationToken.None);
        await people.AnnTeams.AddMemberAsync(team.TeamId, people.BenUpn, TeamRoleNames.Member, CancellationToken.None);
        team = await people.AnnTeams.AddMemberAsync(team.TeamId, people.PageUpn, TeamRoleNames.Member, CancellationToken.None);
        var general = team.Channels.Single(c => c.IsGeneral);

        // The page finds the team and its General channel on the Teams screen, not among its chats.
        await page.GoToAsync(new Uri(fixture.BaseAddress, "/teams"));
        await page.ClickAsync($"#team-list a[data-channel-id='{general.ChannelId}']");
        Assert.Contains("Launch team", await page.TextAsync("#conversation-title", "General"), StringComparison.Ordinal);
        await people.Ben.Api.SendAsync(general.ChatId, new SendMessageRequest(Guid.NewGuid(), "Kick-off at ten", null, null), CancellationToken.None);
        var (shown, _) = await page.TextsAsync(ShownMessages, atLeast: 1);
        Assert.Equal(["Kick-off at ten"], shown);

        await page.FillAsync(Composer, "The browser will be there");
        await page.PressAsync(Composer, "Enter");
        var atAnn = await ChatPeople.NextMessageAsync(people.Ann, general.ChatId, "The browser will be there");
        var atBen = await ChatPeople.NextMessageAsync(people.Ben, general.ChatId, "The browser will be there");
        Assert.Equal(atAnn.MessageId, atBen.MessageId);
        Assert.Equal(people.PageUpn, atAnn.SenderUpn, ignoreCase: true);

        // A reply from the page is in the root post's thread for the clients.
        var root = await people.Ann.Api.SendAsync(general.ChatId, new SendMessageRequest(Guid.NewGuid(), "Agenda?", null, null), CancellationToken.None);
        var asked = $".message-list li[data-message-id='{root.MessageId}']";
        await page.ClickAsync($"{asked} button.reply");
        await page.FillAsync(Composer, "Demo first.");
        await page.PressAsync(Composer, "Enter");
        var reply = await ChatPeople.NextMessageAsync(people.Ben, general.ChatId, "Demo first.");
        Assert.Equal(root.MessageId, reply.ThreadRootId);

        // The page (a member; members may create channels) makes a private channel with Ann: Ann's device hears of it,
        // Ben's team shows it exists but not to him.
        await page.ClickAsync($"#team-list a[data-team-id='{team.TeamId}']");
        await page.ClickAsync(".new-channel summary");
        await page.FillAsync("#new-channel-name", "Design");
        await page.CheckAsync("input[name='new-channel-kind'][value='Private']");
        await page.FillAsync("#new-channel-members", people.AnnUpn);
        await page.ClickAsync("#new-channel-create");
        var created = await ChatPeople.NextEventAsync(people.Ann, e => e.Kind == ChatEventKinds.Created && e.Chat?.Kind == ChatKindNames.Channel);
        Assert.Equal(2, created.Chat!.Members.Count);
        Assert.Contains("Design", await page.TextAsync("#conversation-title", "Design"), StringComparison.Ordinal);
        var design = (await people.BenTeams.GetAsync(team.TeamId, CancellationToken.None)).Channels.Single(c => c.Name == "Design");
        Assert.False(design.IsMember);
        Assert.Equal(created.ChatId, design.ChatId);

        // Channels stay out of the chat list.
        await page.GoToAsync(new Uri(fixture.BaseAddress, "/chat"));
        await page.TextAsync("#chats-title");
        Assert.Equal(0, await page.CountAsync($"#chat-list a[data-chat-id='{general.ChatId}']"));

        // The team page and the channel pass axe-core in both themes, wide and narrow (screenshots app-teams-*).
        var problems = new List<string>();
        await page.GoToAsync(new Uri(fixture.BaseAddress, $"/teams/{team.TeamId}"));
        await page.TextAsync("#team-title", "Launch team");
        await WebAppScreenTests.AuditAsync(page, "teams-team", problems);
        await page.GoToAsync(new Uri(fixture.BaseAddress, $"/teams/{team.TeamId}/{general.ChannelId}"));
        await page.TextsAsync(ShownMessages, atLeast: 4);
        await WebAppScreenTests.AuditAsync(page, "teams-channel", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task HeldByDlp_TheSenderGivesAJustification_ThenItIsDelivered_WithThePolicyTipForTheSenderOnly()
    {
        const string Text = "my card is 4111 1111 1111 1111";
        await using var admin = await DlpAdmin.SignInAsync(fixture);
        await admin.PolicyAsync("Enable", DlpAdmin.Rule("Credit Card Number", block: true, allowOverride: true));
        await using var people = await ChatPeople.StartAsync(fixture, "dlp");
        await using var page = await fixture.OpenSignedInAsync("chat-dlp", people.PageUpn);
        var pair = await people.Ann.Api.CreateAsync(ChatKindNames.OneOnOne, [people.PageUpn], null, CancellationToken.None);
        await page.GoToAsync(new Uri(fixture.BaseAddress, $"/chat/{pair.ChatId}"));

        await page.FillAsync(Composer, Text);
        await page.PressAsync(Composer, "Enter");
        Assert.Contains("Credit Card Number", await page.TextAsync(".message.pending .error-text", "dlp.justification_required"), StringComparison.Ordinal);
        Assert.Equal(0, await page.CountAsync(ShownMessages));

        await page.FillAsync(".justification input", "The customer asked for a refund to this card");
        await page.ClickAsync(".justification button[type='submit']");
        var atAnn = await ChatPeople.NextMessageAsync(people.Ann, pair.ChatId, Text);
        Assert.Null(atAnn.PolicyTip);
        Assert.Contains("business justification", await page.TextAsync(".message:not(.pending) .policy-tip"), StringComparison.Ordinal);
        var (shown, _) = await page.TextsAsync(ShownMessages, atLeast: 1);
        Assert.Equal([Text], shown);
    }

    [Fact]
    public async Task MarkupInAMessage_ShowsAsText_AndRunsNothing()
    {
        const string Hostile = "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) &lt;b&gt;";
        await using var people = await ChatPeople.StartAsync(fixture, "markup");
        await using var page = await fixture.OpenSignedInAsync("chat-markup", people.PageUpn);
        var pair = await people.Ann.Api.CreateAsync(ChatKindNames.OneOnOne, [people.PageUpn], null, CancellationToken.None);
        await page.GoToAsync(new Uri(fixture.BaseAddress, $"/chat/{pair.ChatId}"));

        await people.Ann.Api.SendAsync(pair.ChatId, new SendMessageRequest(Guid.NewGuid(), Hostile, null, null), CancellationToken.None);
        // The page sends the same text itself: its own composer's path renders it the same way.
        await page.FillAsync(Composer, Hostile);
        await page.PressAsync(Composer, "Enter");
        await ChatPeople.NextMessageAsync(people.Ann, pair.ChatId, Hostile);

        var (shown, dialogs) = await page.TextsAsync(ShownMessages, atLeast: 2);
        Assert.Equal([Hostile, Hostile], shown);
        foreach (var made in new[] { "script", "img", "a", "b", "[onerror]" })
        {
            Assert.Equal(0, await page.CountAsync($".messages {made}"));
        }

        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task PageOffline_WhileFiveMessagesAreSent_ShowsEachOnceInOrderWhenBack_AndSendsItsOwnOnce()
    {
        await using var people = await ChatPeople.StartAsync(fixture, "offline");
        await using var page = await fixture.OpenSignedInAsync("chat-offline", people.PageUpn);
        var pair = await people.Ann.Api.CreateAsync(ChatKindNames.OneOnOne, [people.PageUpn], null, CancellationToken.None);
        await page.GoToAsync(new Uri(fixture.BaseAddress, $"/chat/{pair.ChatId}"));
        await people.Ann.Api.SendAsync(pair.ChatId, new SendMessageRequest(Guid.NewGuid(), "before", null, null), CancellationToken.None);
        await page.TextsAsync(ShownMessages, atLeast: 1);

        // Chromium's offline emulation stops the open WebSocket's traffic a moment after it is set, without closing it
        // (so the page has nothing to show for it): give it a second, so that what is sent next cannot race the cut.
        await page.SetOfflineAsync(true);
        await Task.Delay(TimeSpan.FromSeconds(1));
        string[] missed = ["one", "two", "three", "four", "five"];
        foreach (var text in missed)
        {
            await people.Ann.Api.SendAsync(pair.ChatId, new SendMessageRequest(Guid.NewGuid(), text, null, null), CancellationToken.None);
        }

        // The page writes one of its own meanwhile: it waits as "sending…", and is sent again with its id when back.
        await page.FillAsync(Composer, "written offline");
        await page.PressAsync(Composer, "Enter");
        Assert.Contains("sending…", await page.TextAsync(".message-list li.pending", "sending…"), StringComparison.Ordinal);

        // Offline means offline: none of them reached the page's connection.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(["before"], (await page.TextsAsync(ShownMessages)).Texts);

        await page.SetOfflineAsync(false);
        var written = await ChatPeople.NextMessageAsync(people.Ann, pair.ChatId, "written offline");
        var (shown, _) = await page.TextsAsync(ShownMessages, atLeast: 7);
        // Settled: nothing more arrives (a duplicate would come after the seventh).
        await Task.Delay(TimeSpan.FromSeconds(2));
        (shown, _) = await page.TextsAsync(ShownMessages);
        Assert.Equal(["before", .. missed, "written offline"], shown);
        Assert.Equal(0, await page.CountAsync(".message-list li.pending"));
        // Stored once: the chat's log has the page's message once, however often it was sent.
        var log = await people.Ann.Api.GetEventsAsync(pair.ChatId, 0, ChatApi.MaxTake, CancellationToken.None);
        Assert.Single(log.Events, e => e.Kind == ChatEventKinds.MessageSent && e.Message?.ClientMessageId == written.ClientMessageId);
    }

    [Fact]
    public async Task ReplyReactEditAndDelete_FromThePage_ReachTheClient_AndTheReadPositionMoves()
    {
        await using var people = await ChatPeople.StartAsync(fixture, "actions");
        await using var page = await fixture.OpenSignedInAsync("chat-actions", people.PageUpn);
        var pair = await people.Ann.Api.CreateAsync(ChatKindNames.OneOnOne, [people.PageUpn], null, CancellationToken.None);
        var question = await people.Ann.Api.SendAsync(pair.ChatId, new SendMessageRequest(Guid.NewGuid(), "Question?", null, null), CancellationToken.None);
        await page.GoToAsync(new Uri(fixture.BaseAddress, $"/chat/{pair.ChatId}"));
        await page.TextsAsync(ShownMessages, atLeast: 1);

        // Shown is read: the page moves its read position, and Ann's device hears of it.
        await ChatPeople.NextReadPositionAsync(people.Ann, pair.ChatId, people.PageUpn, question.Sequence);

        var asked = $".message-list li[data-message-id='{question.MessageId}']";
        await page.ClickAsync($"{asked} button.reply");
        await page.FillAsync(Composer, "Answer.");
        await page.PressAsync(Composer, "Enter");
        var answer = (await ChatPeople.NextEventAsync(people.Ann, e => e.ChatId == pair.ChatId && e.Kind == ChatEventKinds.MessageSent && e.Message?.Text == "Answer.")).Message!;
        Assert.Equal(question.MessageId, answer.ReplyTo);
        var answered = $".message-list li[data-message-id='{answer.MessageId}']";
        Assert.Contains("Question?", await page.TextAsync($"{answered} .reply-quote", "Question?"), StringComparison.Ordinal);

        await page.ClickAsync($"{asked} .react-menu summary");
        await page.ClickAsync($"{asked} .react-choices button[data-reaction='like']");
        var reacted = await ChatPeople.NextEventAsync(people.Ann, e => e.ChatId == pair.ChatId && e.Kind == ChatEventKinds.ReactionsChanged);
        Assert.Contains(reacted.Message!.Reactions, r => r.Reaction == "like" && r.Upns.Any(u => string.Equals(u, people.PageUpn, StringComparison.OrdinalIgnoreCase)));
        await page.TextsAsync($"{asked} .reactions button[data-reaction='like'][aria-pressed='true']", atLeast: 1);

        await page.ClickAsync($"{answered} button.edit");
        await page.FillAsync(Composer, "Answer, *edited*.");
        await page.PressAsync(Composer, "Enter");
        var edited = await ChatPeople.NextEventAsync(people.Ann, e => e.ChatId == pair.ChatId && e.Kind == ChatEventKinds.MessageEdited);
        Assert.Equal("Answer, *edited*.", edited.Message!.Text);
        await page.TextsAsync($"{answered} .edited", atLeast: 1);
        Assert.Contains("Answer, edited.", await page.TextAsync($"{answered} .message-text", "edited"), StringComparison.Ordinal);

        await page.ClickAsync($"{answered} button.delete");
        var deleted = await ChatPeople.NextEventAsync(people.Ann, e => e.ChatId == pair.ChatId && e.Kind == ChatEventKinds.MessageDeleted);
        Assert.True(deleted.Message!.Deleted);
        Assert.Equal("This message was deleted", (await page.TextAsync($"{answered} .tombstone", "deleted")).Trim());
        Assert.Equal(0, await page.CountAsync($"{answered} .message-text"));
    }

    /// <summary>The page's person and two people on the .NET SDK, each following their chats on the chat hub.</summary>
    private sealed class ChatPeople : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _owned = [];
        private readonly List<IDisposable> _sessions = [];

        public string PageUpn { get; private set; } = "";

        public string AnnUpn { get; private set; } = "";

        public string BenUpn { get; private set; } = "";

        public ChatClient Ann { get; private set; } = null!;

        public ChatClient Ben { get; private set; } = null!;

        public TeamsApi AnnTeams { get; private set; } = null!;

        public TeamsApi BenTeams { get; private set; } = null!;

        public static async Task<ChatPeople> StartAsync(BrowserCallFixture fixture, string name)
        {
            var people = new ChatPeople { PageUpn = await fixture.CreateUserAsync($"{name}-page") };
            people.AnnUpn = await fixture.CreateUserAsync($"{name}-ann");
            people.BenUpn = await fixture.CreateUserAsync($"{name}-ben");
            (people.Ann, people.AnnTeams) = await people.ConnectAsync(fixture, people.AnnUpn);
            (people.Ben, people.BenTeams) = await people.ConnectAsync(fixture, people.BenUpn);
            return people;
        }

        /// <summary>The next message sent in <paramref name="chatId"/> with <paramref name="text"/> that <paramref name="client"/> receives (bounded).</summary>
        public static async Task<MessageView> NextMessageAsync(ChatClient client, Guid chatId, string text) =>
            (await NextEventAsync(client, e => e.ChatId == chatId && e.Kind == ChatEventKinds.MessageSent && e.Message?.Text == text)).Message!;

        /// <summary>The next event <paramref name="client"/> receives that matches (bounded); the ones before it are passed over.</summary>
        public static async Task<ChatEvent> NextEventAsync(ChatClient client, Func<ChatEvent, bool> matches)
        {
            using var limit = new CancellationTokenSource(Limit);
            await foreach (var chatEvent in client.ReadEventsAsync(limit.Token))
            {
                if (matches(chatEvent))
                {
                    return chatEvent;
                }
            }

            throw new InvalidOperationException("the client's events ended");
        }

        /// <summary>Waits (bounded) until <paramref name="client"/> hears that <paramref name="upn"/> has read <paramref name="chatId"/> up to at least <paramref name="sequence"/>.</summary>
        public static async Task NextReadPositionAsync(ChatClient client, Guid chatId, string upn, long sequence)
        {
            using var limit = new CancellationTokenSource(Limit);
            await foreach (var position in client.ReadPositionsAsync(limit.Token))
            {
                if (position.ChatId == chatId && string.Equals(position.Upn, upn, StringComparison.OrdinalIgnoreCase) && position.ReadSequence >= sequence)
                {
                    return;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var owned in _owned)
            {
                await owned.DisposeAsync();
            }

            foreach (var session in _sessions)
            {
                session.Dispose();
            }
        }

        private async Task<(ChatClient Chat, TeamsApi Teams)> ConnectAsync(BrowserCallFixture fixture, string upn)
        {
            ConclaveSession session = await fixture.SignInAsync(upn);
            _sessions.Add(session);
            var client = await ChatClient.ConnectAsync(session, new ChatClientOptions(), CancellationToken.None).Within();
            _owned.Add(client);
            return (client, new TeamsApi(session.Api));
        }
    }
}
