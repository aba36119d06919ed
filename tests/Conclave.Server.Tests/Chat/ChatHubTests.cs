using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Conclave.Contracts.Api;
using Conclave.Contracts.Chat;
using Conclave.Server.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conclave.Server.Tests.Chat;

/// <summary>The chat hub delivers each committed change to the connected devices of the chat's members, and to no one else.</summary>
public sealed class ChatHubTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>A device on the chat hub and what it has been pushed.</summary>
    private sealed class Device : IAsyncDisposable
    {
        private Device(HubConnection connection)
        {
            Connection = connection;
            connection.On<ChatEvent>(ChatHubNames.ChatEvent, e => Events.Enqueue(e));
            connection.On<ReadPositionView>(ChatHubNames.ReadPosition, p => Positions.Enqueue(p));
        }

        public HubConnection Connection { get; }

        public ConcurrentQueue<ChatEvent> Events { get; } = new();

        public ConcurrentQueue<ReadPositionView> Positions { get; } = new();

        public static async Task<Device> ConnectAsync(TestHost server, ChatPerson person)
        {
            var device = new Device(ChatPerson.Hub(server, person.Token));
            await device.Connection.StartAsync().Within();
            return device;
        }

        public Task<bool> ReceivedAsync(Func<ChatEvent, bool> match) => Bounded.EventuallyAsync(() => Events.Any(match));

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    [Fact]
    public async Task Send_IsPushedToEveryMembersDevices_AndNotToANonMember()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        using var eve = await ChatPerson.NewAsync(server, "eve");
        var chat = await alice.CreateGroupAsync(bob);
        await using var aliceDevice = await Device.ConnectAsync(server, alice);
        await using var bobPhone = await Device.ConnectAsync(server, bob);
        await using var bobLaptop = await Device.ConnectAsync(server, bob);
        await using var eveDevice = await Device.ConnectAsync(server, eve);

        var sent = await alice.SendAsync(chat.ChatId, "hello both");

        bool IsTheSend(ChatEvent e) =>
            e.ChatId == chat.ChatId && e.Kind == ChatEventKinds.MessageSent && e.Sequence == sent.Sequence && e.Message?.Text == "hello both" && e.ActorUpn == alice.Upn;
        Assert.True(await aliceDevice.ReceivedAsync(IsTheSend), "the sender's own device");
        Assert.True(await bobPhone.ReceivedAsync(IsTheSend), "the other member's phone");
        Assert.True(await bobLaptop.ReceivedAsync(IsTheSend), "the other member's laptop");

        // A read position goes to the members too; the marker that everything before it has been delivered.
        using (var read = await bob.Http.PutAsJsonAsync($"/api/chats/{chat.ChatId}/read", new ReadPositionRequest(sent.Sequence)))
        {
            Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        }

        Assert.True(await Bounded.EventuallyAsync(() => aliceDevice.Positions.Any(p => p.Upn == bob.Upn && p.ReadSequence == sent.Sequence)));
        // Eve's connection was open throughout and hears of nothing.
        await eve.SendAsync((await eve.CreateGroupAsync(alice)).ChatId, "my own chat");
        Assert.True(await eveDevice.ReceivedAsync(e => e.Message?.Text == "my own chat"));
        Assert.DoesNotContain(eveDevice.Events, e => e.ChatId == chat.ChatId);
        Assert.Empty(eveDevice.Positions);
    }

    [Fact]
    public async Task AddedMember_HearsFromThenOn_AndOneWhoLeft_HearsNothingMore()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        using var carol = await ChatPerson.NewAsync(server, "carol");
        var chat = await alice.CreateGroupAsync(bob);
        await using var aliceDevice = await Device.ConnectAsync(server, alice);
        await using var bobDevice = await Device.ConnectAsync(server, bob);
        await using var carolDevice = await Device.ConnectAsync(server, carol);

        await alice.SendAsync(chat.ChatId, "before carol");
        using (var added = await alice.Http.PostAsJsonAsync($"/api/chats/{chat.ChatId}/members", new AddChatMemberRequest(carol.Upn)))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        Assert.True(await carolDevice.ReceivedAsync(e => e.Kind == ChatEventKinds.MembersChanged && e.Chat!.Members.Any(m => m.Upn == carol.Upn)));
        using (var left = await bob.Http.DeleteAsync($"/api/chats/{chat.ChatId}/members/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        }

        var after = await alice.SendAsync(chat.ChatId, "after bob left");
        Assert.True(await carolDevice.ReceivedAsync(e => e.Sequence == after.Sequence));
        Assert.True(await aliceDevice.ReceivedAsync(e => e.Sequence == after.Sequence));
        Assert.DoesNotContain(carolDevice.Events, e => e.Message?.Text == "before carol");
        // Bob's device heard the send before he left, and nothing from his leave on.
        Assert.Contains(bobDevice.Events, e => e.Message?.Text == "before carol");
        Assert.DoesNotContain(bobDevice.Events, e => e.Sequence >= after.Sequence - 1);
    }

    [Fact]
    public async Task Connecting_WithoutAUsersToken_IsRefused()
    {
        await using var anonymous = ChatPerson.Hub(server, "");
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
