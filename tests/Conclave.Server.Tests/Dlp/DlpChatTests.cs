using System.Net;
using System.Net.Http.Json;
using Conclave.Contracts.Api;
using Conclave.Contracts.Chat;
using Conclave.Contracts.Errors;
using Conclave.Domain.Directory;
using Conclave.Server.Tests.Chat;
using Conclave.Server.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;
using static Conclave.Server.Tests.Chat.ProblemCodes;

namespace Conclave.Server.Tests.Dlp;

/// <summary>
/// DLP on chat messages (docs/api.md, "DLP"): each action of a rule, each policy mode and the access scope, seen from
/// the sender, from the other member (what was stored and pushed) and in the audit log. A blocked message is never
/// stored, so nobody can ever read it.
/// </summary>
public sealed class DlpChatTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Card = "Credit Card Number";
    private const string CardText = "my card is 4111 1111 1111 1111, expires soon";

    [Fact]
    public async Task Block_RefusesTheMessage_StoresNothing_AndAuditsTheTypesNeverTheValue()
    {
        await using var admin = await DlpAdmin.SignInAsync(server);
        var policy = await admin.PolicyAsync("Enable", DlpAdmin.Rule(Card, block: true));
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateGroupAsync(bob);

        using (var refused = await alice.SendRawAsync(chat.ChatId, new SendMessageRequest(Guid.NewGuid(), CardText, null, null)))
        {
            await AssertRefusedAsync(refused, HttpStatusCode.Forbidden, ErrorCodes.Dlp.Blocked);
            var detail = await refused.Content.ReadAsStringAsync();
            Assert.Contains(Card, detail, StringComparison.Ordinal);
            Assert.DoesNotContain("4111", detail, StringComparison.Ordinal);
        }

        // A number that fails the Luhn check is not a card, and text without one goes through.
        await alice.SendAsync(chat.ChatId, "order 4111 1111 1111 1112 shipped");
        await alice.SendAsync(chat.ChatId, "lunch?");
        var events = await bob.EventsAsync(chat.ChatId);
        Assert.Equal(["order 4111 1111 1111 1112 shipped", "lunch?"], events.Events.Where(e => e.Message is not null).Select(e => e.Message!.Text ?? "").ToArray());
        Assert.Equal(3L, events.LastSequence);

        var audit = (await server.AuditAsync("action=dlp.content.block")).EnumerateArray()
            .Single(a => a.GetProperty("target").GetString() == chat.ChatId.ToString());
        Assert.Equal(alice.Upn, audit.GetProperty("actorUpn").GetString());
        var details = audit.GetProperty("details").GetRawText();
        Assert.Contains(policy, details, StringComparison.Ordinal);
        Assert.Contains(Card, details, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlockWithOverride_NeedsAJustification_ThenDelivers_WithTheTipForTheSenderOnly()
    {
        await using var admin = await DlpAdmin.SignInAsync(server);
        await admin.PolicyAsync("Enable", DlpAdmin.Rule(Card, block: true, allowOverride: true));
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateOneOnOneAsync(bob);
        var id = Guid.NewGuid();

        using (var held = await alice.SendRawAsync(chat.ChatId, new SendMessageRequest(id, CardText, null, null)))
        {
            await AssertRefusedAsync(held, HttpStatusCode.Forbidden, ErrorCodes.Dlp.JustificationRequired);
        }

        Assert.DoesNotContain((await bob.EventsAsync(chat.ChatId)).Events, e => e.Message is not null);
        using var sent = await alice.SendRawAsync(chat.ChatId, new SendMessageRequest(id, CardText, null, null, "The customer asked for a refund to this card."));
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var view = (await sent.Content.ReadFromJsonAsync<MessageView>())!;
        Assert.Equal(("BlockWithOverride", Card), (view.PolicyTip!.Action, view.PolicyTip.Types.Single()));

        var received = (await bob.EventsAsync(chat.ChatId)).Events.Single(e => e.Message is not null).Message!;
        Assert.Equal((CardText, null), (received.Text, received.PolicyTip));
        var audit = (await server.AuditAsync("action=dlp.content.override")).EnumerateArray()
            .Single(a => a.GetProperty("target").GetString() == chat.ChatId.ToString());
        Assert.Equal("The customer asked for a refund to this card.", audit.GetProperty("details").GetProperty("justification").GetString());
    }

    [Fact]
    public async Task NotifySender_Delivers_TipOnlyInTheSendersAnswer_AuditedWithTheMessage()
    {
        await using var admin = await DlpAdmin.SignInAsync(server);
        using (var custom = await admin.Http.PostAsJsonAsync("/api/admin/dlp/rules", new NewDlpRuleRequest(
                   TestHost.UniqueName("rule"), await admin.PolicyAsync("Enable", DlpAdmin.Rule(Card, notify: true)),
                   [new SensitiveInformationCondition(Card, 2)], NotifyUser: ["LastModifier"], NotifyPolicyTipCustomText: "Use the payments portal.")))
        {
            Assert.Equal(HttpStatusCode.Created, custom.StatusCode);
        }

        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateGroupAsync(bob);
        await using var hub = ChatPerson.Hub(server, bob.Token);
        var pushed = new TaskCompletionSource<ChatEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<ChatEvent>(ChatHubNames.ChatEvent, e =>
        {
            if (e.Message is not null)
            {
                pushed.TrySetResult(e);
            }
        });
        await hub.StartAsync();

        var view = await alice.SendAsync(chat.ChatId, CardText);
        Assert.Equal("NotifySender", view.PolicyTip!.Action);
        Assert.DoesNotContain("payments portal", view.PolicyTip.Text, StringComparison.Ordinal);
        var twoCards = await alice.SendAsync(chat.ChatId, "4111 1111 1111 1111 and 5500 0000 0000 0004");
        Assert.Contains("Use the payments portal.", twoCards.PolicyTip!.Text, StringComparison.Ordinal);
        Assert.Equal(2, twoCards.PolicyTip.Rules.Count);

        var live = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((CardText, null), (live.Message!.Text, live.Message.PolicyTip));
        using var raw = await bob.Http.GetAsync($"/api/chats/{chat.ChatId}/messages");
        Assert.DoesNotContain("policyTip\":{", await raw.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await server.AuditAsync("action=dlp.content.match")).EnumerateArray()
            .Count(a => a.GetProperty("target").GetString() == chat.ChatId.ToString()));
    }

    [Fact]
    public async Task AccessScope_NotInOrganization_BlocksOnlyWhereAGuestIsAMember()
    {
        await using var admin = await DlpAdmin.SignInAsync(server);
        await admin.PolicyAsync("Enable", DlpAdmin.Rule(Card, block: true, scope: "NotInOrganization"));
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        using var guest = await ChatPerson.NewAsync(server, "guest");
        await ChatPerson.SetAccountAsync(server, guest.Upn, UserKind.Guest, enabled: true);
        var inside = await alice.CreateOneOnOneAsync(bob);
        var outside = await alice.CreateGroupAsync(bob, guest);

        await alice.SendAsync(inside.ChatId, CardText);
        using var refused = await alice.SendRawAsync(outside.ChatId, new SendMessageRequest(Guid.NewGuid(), CardText, null, null));
        await AssertRefusedAsync(refused, HttpStatusCode.Forbidden, ErrorCodes.Dlp.Blocked);
    }

    [Theory]
    [InlineData("TestWithoutNotifications", false)]
    [InlineData("TestWithNotifications", true)]
    public async Task TestModes_NeverBlock_AuditTheMatch_AndTellTheSenderOnlyWithNotifications(string mode, bool tip)
    {
        await using var admin = await DlpAdmin.SignInAsync(server);
        await admin.PolicyAsync(mode, DlpAdmin.Rule(Card, block: true));
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateOneOnOneAsync(bob);

        var view = await alice.SendAsync(chat.ChatId, CardText);
        Assert.Equal(tip, view.PolicyTip is not null);
        Assert.Single((await server.AuditAsync("action=dlp.content.match")).EnumerateArray(), a => a.GetProperty("target").GetString() == chat.ChatId.ToString());
    }

    [Fact]
    public async Task DisabledPolicy_AndRemovedPolicy_AreNotEvaluated()
    {
        await using var admin = await DlpAdmin.SignInAsync(server);
        var policy = await admin.PolicyAsync("Enable", DlpAdmin.Rule(Card, block: true));
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateOneOnOneAsync(bob);
        using (var refused = await alice.SendRawAsync(chat.ChatId, new SendMessageRequest(Guid.NewGuid(), CardText, null, null)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var disabled = await admin.Http.PatchAsJsonAsync($"/api/admin/dlp/policies/{policy}", new UpdateDlpPolicyRequest("Disable")))
        {
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        }

        await alice.SendAsync(chat.ChatId, CardText);
    }

    [Fact]
    public async Task Edit_ToSensitiveText_IsRefused_AndTheMessageKeepsItsText()
    {
        await using var admin = await DlpAdmin.SignInAsync(server);
        await admin.PolicyAsync("Enable", DlpAdmin.Rule("U.S. Social Security Number (SSN)", block: true));
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateOneOnOneAsync(bob);
        var message = await alice.SendAsync(chat.ChatId, "my number is coming");

        using (var refused = await alice.Http.PatchAsJsonAsync(
                   $"/api/chats/{chat.ChatId}/messages/{message.MessageId}", new EditMessageRequest("my SSN is 536-27-4019", null)))
        {
            await AssertRefusedAsync(refused, HttpStatusCode.Forbidden, ErrorCodes.Dlp.Blocked);
        }

        var page = await bob.Http.GetFromJsonAsync<MessagePage>($"/api/chats/{chat.ChatId}/messages");
        Assert.Equal(("my number is coming", null), (page!.Messages.Single().Text, page.Messages.Single().EditedAt));
    }

    [Fact]
    public async Task CustomType_BlocksItsPattern_NearAKeyword_AndCannotBeRemovedWhileARuleNamesIt()
    {
        await using var admin = await DlpAdmin.SignInAsync(server);
        var typeName = TestHost.UniqueName("Project code ");
        using (var created = await admin.Http.PostAsJsonAsync("/api/admin/dlp/sensitive-types",
                   new NewSensitiveInformationTypeRequest(typeName, @"PRJ-\d{4}", ["project"], 50)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await admin.PolicyAsync("Enable", DlpAdmin.Rule(typeName, block: true));
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateOneOnOneAsync(bob);

        await alice.SendAsync(chat.ChatId, "ticket PRJ-1234 is closed");
        using (var refused = await alice.SendRawAsync(chat.ChatId, new SendMessageRequest(Guid.NewGuid(), "the project PRJ-1234 budget", null, null)))
        {
            await AssertRefusedAsync(refused, HttpStatusCode.Forbidden, ErrorCodes.Dlp.Blocked);
        }

        using (var inUse = await admin.Http.DeleteAsync($"/api/admin/dlp/sensitive-types/{Uri.EscapeDataString(typeName)}"))
        {
            await AssertRefusedAsync(inUse, HttpStatusCode.Conflict, ErrorCodes.Dlp.TypeInUse);
        }
    }

    [Fact]
    public async Task ResendOfAStoredMessage_IsAnsweredFromTheStore_EvenAfterAPolicyNowBlocksIt()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateOneOnOneAsync(bob);
        var request = new SendMessageRequest(Guid.NewGuid(), CardText, null, null);
        using (var first = await alice.SendRawAsync(chat.ChatId, request))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        await using var admin = await DlpAdmin.SignInAsync(server);
        await admin.PolicyAsync("Enable", DlpAdmin.Rule(Card, block: true));
        using var again = await alice.SendRawAsync(chat.ChatId, request);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single((await bob.EventsAsync(chat.ChatId)).Events, e => e.Message is not null);
    }
}
