using System.Collections.Concurrent;
using System.Diagnostics;
using Conclave.Server.Calls;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Observability;

/// <summary>A call's set-up is one <c>call.setup</c> activity from the ring to its answer (E2EE) or its media (standard).</summary>
public sealed class CallSetupTraceTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = "member-password-123";

    [Fact]
    public async Task PlacedAndAnsweredE2eeCall_IsOneCallSetupActivity_WithRingingAndAnsweredEvents()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CallTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var aliceUpn = await server.CreateUserAsync(ServerFixture.UniqueName("alice"), Password);
        var bobUpn = await server.CreateUserAsync(ServerFixture.UniqueName("bob"), Password);
        var bob = await server.SignInAsync(bobUpn, Password);
        var alice = await server.SignInAsync(aliceUpn, Password);
        await HubPeer.RequireE2eeAsync(server, aliceUpn, bobUpn);
        await using var caller = await HubPeer.ConnectAsync(server, alice);
        await using var callee = await HubPeer.ConnectAsync(server, bob);

        var placed = await caller.PlaceAsync(bobUpn);
        var callId = await callee.AnswerNextAsync();
        Assert.Equal(callId, placed.GetProperty("callId").GetGuid());

        // Other servers in this process trace their calls too: this call's activity is the one with its id.
        var setup = Assert.Single(stopped, a => (string?)a.GetTagItem("conclave.call.id") == callId.ToString());
        Assert.Equal(CallTelemetry.SetupActivity, setup.OperationName);
        Assert.Equal(["ringing", "answered"], setup.Events.Select(e => e.Name));
        Assert.Equal("e2ee", setup.GetTagItem("conclave.call.mode"));
        Assert.Equal("answered", setup.GetTagItem("conclave.call.outcome"));
        Assert.DoesNotContain(setup.TagObjects, t => t.Value is string s && (s == aliceUpn || s == bobUpn));
        Assert.Null(setup.Parent);
        await caller.HangUpAsync(callId);
    }

    [Fact]
    public async Task PlacedAndAnsweredStandardCall_StaysOpenUntilItsMediaOrItsEnd()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CallTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var aliceUpn = await server.CreateUserAsync(ServerFixture.UniqueName("alice"), Password);
        var bobUpn = await server.CreateUserAsync(ServerFixture.UniqueName("bob"), Password);
        var bob = await server.SignInAsync(bobUpn, Password);
        await using var caller = await HubPeer.ConnectAsync(server, await server.SignInAsync(aliceUpn, Password));
        await using var callee = await HubPeer.ConnectAsync(server, bob);

        await caller.PlaceAsync(bobUpn);
        var callId = await callee.AnswerNextAsync();
        Assert.DoesNotContain(stopped, a => (string?)a.GetTagItem("conclave.call.id") == callId.ToString());

        // No device opened its media leg: the set-up ends with the call.
        await caller.HangUpAsync(callId);
        var setup = Assert.Single(stopped, a => (string?)a.GetTagItem("conclave.call.id") == callId.ToString());
        Assert.Equal(["ringing", "answered"], setup.Events.Select(e => e.Name));
        Assert.Equal("standard", setup.GetTagItem("conclave.call.mode"));
        Assert.Equal("HungUp", setup.GetTagItem("conclave.call.outcome"));
    }
}
