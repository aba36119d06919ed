using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Tests.Calls;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Fixtures;

/// <summary>The shared host's options and intent methods do what they say, so the tests built on them test the server.</summary>
public sealed class TestHostTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public void DefaultHost_RunsOnTheSystemClock_AndHasNoFakeOne()
    {
        Assert.Same(TimeProvider.System, server.Services.GetRequiredService<TimeProvider>());
        Assert.Throws<InvalidOperationException>(() => server.Clock);
    }

    [Fact]
    public async Task CreateMember_SignInSession_TheSessionCarriesTheMembersToken()
    {
        var (upn, id) = await server.CreateMemberAsync(ServerFixture.UniqueName("member"), "member-password-123");

        using var session = await server.SignInSessionAsync(upn, "member-password-123");
        using var client = server.CreateClient(await session.Tokens.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None));
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(upn, me.GetProperty("upn").GetString());
        Assert.Equal(id, Guid.Parse(me.GetProperty("id").GetString()!));
    }
}

/// <summary>A fake-time host: the server's clock is the one the test moves.</summary>
public sealed class FakeTimeTestHostTests(Identity.FakeClockServerFixture server) : IClassFixture<Identity.FakeClockServerFixture>
{
    [Fact]
    public void FakeTime_TheServersClockIsTheFixturesClock()
    {
        Assert.Same(server.Clock, server.Services.GetRequiredService<TimeProvider>());
        var before = server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        server.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(before + TimeSpan.FromHours(1), server.Services.GetRequiredService<TimeProvider>().GetUtcNow());
    }
}

/// <summary>The call intents: two people, one rings, the other answers, both ends reach media.</summary>
[Collection(CallCollection.Name)]
public sealed class CallIntentTests(CallServerFixture server)
{
    [Fact]
    public async Task PlaceCall_Answer_BothEndsShareTheCallAndReachMedia()
    {
        await using var alice = await server.SignInPersonAsync(await server.CreateUserAsync("alice"), CallServerFixture.Password);
        await using var bob = await server.SignInPersonAsync(await server.CreateUserAsync("bob"), CallServerFixture.Password);

        var call = await alice.PlaceCallAsync(bob);
        var answered = await bob.AnswerAsync();
        await Task.WhenAll(call.MediaReady, answered.MediaReady).Within();

        Assert.Equal(call.Id, answered.Id);
        Assert.NotNull(call.SecurityCode);
        Assert.Equal(call.SecurityCode, answered.SecurityCode);
        await call.HangUpAsync(CancellationToken.None);
    }
}
