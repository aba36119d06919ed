using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Conclave.Contracts.Api;
using Conclave.Contracts.Chat;
using Conclave.Server.Tests.Chat;
using Conclave.Server.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conclave.Server.Tests.Teams;

/// <summary>Team membership reaches devices over the chat hub: a new member's channels appear, a removed member's stop.</summary>
public sealed class TeamHubTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Added_SeesChannelsAppear_Removed_LeavesPrivateChannels_AndHearsNothingMore()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var team = await alice.CreateTeamAsync();
        var secretless = team.General();
        await using var bobDevice = ChatPerson.Hub(server, bob.Token);
        var pushed = new ConcurrentQueue<ChatEvent>();
        bobDevice.On<ChatEvent>(ChatHubNames.ChatEvent, e => pushed.Enqueue(e));
        await bobDevice.StartAsync().Within();

        await alice.AddAsync(team, bob);
        Assert.True(await Bounded.EventuallyAsync(() => pushed.Any(e =>
            e.ChatId == secretless.ChatId && e.Kind == ChatEventKinds.MembersChanged && e.Chat!.Members.Any(m => m.Upn == bob.Upn))), "the General channel's chat appears");
        var secret = await alice.CreateChannelAsync(team, "Secret", ChannelKindNames.Private, bob);
        Assert.True(await Bounded.EventuallyAsync(() => pushed.Any(e => e.ChatId == secret.ChatId && e.Kind == ChatEventKinds.Created)), "the private channel's chat appears");
        await bob.SendAsync(secret.ChatId, "in the private channel");

        using (var removed = await alice.Http.DeleteAsync($"/api/teams/{team.TeamId}/members/{bob.Upn}"))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
            var view = await removed.Content.ReadFromJsonAsync<TeamView>();
            var channel = Assert.Single(view!.Channels, c => c.ChannelId == secret.ChannelId);
            Assert.DoesNotContain(channel.Members, m => m.Upn == bob.Upn);
        }

        // Told of the removal from each channel, then nothing of them.
        Assert.True(await Bounded.EventuallyAsync(() => pushed.Count(e => e.Kind == ChatEventKinds.MembersChanged && e.Chat!.Members.All(m => m.Upn != bob.Upn)) == 2));
        var before = pushed.Count;
        await alice.SendAsync(secretless.ChatId, "after bob left");
        await alice.SendAsync(secret.ChatId, "after bob left");
        using (var read = await bob.Http.GetAsync($"/api/chats/{secret.ChatId}/messages"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        }

        // The sender's own device is told at once; by then a push to bob would have been sent too.
        await using var aliceDevice = ChatPerson.Hub(server, alice.Token);
        var alicePushed = new ConcurrentQueue<ChatEvent>();
        aliceDevice.On<ChatEvent>(ChatHubNames.ChatEvent, e => alicePushed.Enqueue(e));
        await aliceDevice.StartAsync().Within();
        await alice.SendAsync(secret.ChatId, "marker");
        Assert.True(await Bounded.EventuallyAsync(() => alicePushed.Any(e => e.Message?.Text == "marker")));
        Assert.Equal(before, pushed.Count);
    }
}
