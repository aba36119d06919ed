using Conclave.Client.Api;

namespace Conclave.Cli.Tests.Calls;

/// <summary>Every way a call ends is stored once and listed to both parties, by the API and by <c>conclave calls history</c>.</summary>
[Collection(CallCollection.Name)]
public sealed class CallHistoryTests(CallServerFixture server) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task AnsweredDeclinedCancelledAndUnanswered_AreInBothHistories_NewestFirst_MissedOnTheCalleeSide()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"));
        await using var carol = await Person.SignInAsync(server, await server.CreateUserAsync("carol"));

        var (answered, declined, cancelled, unanswered) = await FourCallsAsync(alice, bob);

        var aliceHistory = await alice.Session.Api.GetCallHistoryAsync(new CallHistoryQuery(), None);
        Assert.Equal([unanswered, cancelled, declined, answered], aliceHistory.Calls.Select(c => c.CallId));
        Assert.Equal(
            [("Incoming", "NoAnswer", true), ("Outgoing", "Cancelled", false), ("Incoming", "Declined", false), ("Outgoing", "HungUp", false)],
            aliceHistory.Calls.Select(c => (c.Direction, c.EndReason, c.Missed)));
        Assert.All(aliceHistory.Calls, c => Assert.Equal(bob.Upn, c.PeerUpn));
        Assert.NotNull(aliceHistory.Calls[3].AnsweredAt);
        Assert.All(aliceHistory.Calls.Take(3), c => Assert.Null(c.AnsweredAt));
        Assert.Null(aliceHistory.NextBefore);

        var bobHistory = await bob.Session.Api.GetCallHistoryAsync(new CallHistoryQuery(), None);
        Assert.Equal(
            [("Outgoing", false), ("Incoming", true), ("Outgoing", false), ("Incoming", false)],
            bobHistory.Calls.Select(c => (c.Direction, c.Missed)));
        Assert.Equal(cancelled, Assert.Single((await bob.Session.Api.GetCallHistoryAsync(new CallHistoryQuery(MissedOnly: true), None)).Calls).CallId);

        // Paging walks the same list; another user sees none of it.
        var first = await alice.Session.Api.GetCallHistoryAsync(new CallHistoryQuery(Take: 3), None);
        var rest = await alice.Session.Api.GetCallHistoryAsync(new CallHistoryQuery(Take: 3, Before: first.NextBefore), None);
        Assert.Equal([unanswered, cancelled, declined, answered], first.Calls.Concat(rest.Calls).Select(c => c.CallId));
        Assert.Null(rest.NextBefore);
        Assert.Empty((await carol.Session.Api.GetCallHistoryAsync(new CallHistoryQuery(), None)).Calls);
        var foreign = await Assert.ThrowsAsync<ApiProblemException>(() => carol.Session.Api.GetCallHistoryAsync(new CallHistoryQuery(Before: answered), None));
        Assert.Equal((400, "call.invalid_argument"), (foreign.StatusCode, foreign.Code));
    }

    [Fact]
    public async Task CallsHistory_PrintsTheCalls_MissedFiltersThem_AndABadTakeIsAUsageError()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"));
        await FourCallsAsync(alice, bob);
        var login = await _cli.RunWithInputAsync(
            CallServerFixture.Password + "\n", "login", "--server", server.Endpoint.BaseAddress.GetLeftPart(UriPartial.Authority), "--user", alice.Upn, "--password-stdin");
        Assert.True(login.ExitCode == ExitCodes.Ok, login.ToString());

        var all = await _cli.RunAsync("calls", "history");
        var missed = await _cli.RunAsync("calls", "history", "--missed");
        var two = await _cli.RunAsync("calls", "history", "--take", "2", "-o", "json");
        var bad = await _cli.RunAsync("calls", "history", "--take", "0");

        Assert.True(all.ExitCode == ExitCodes.Ok, all.ToString());
        foreach (var reason in new[] { "NoAnswer", "Cancelled", "Declined", "HungUp" })
        {
            Assert.Contains(reason, all.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains(bob.Upn, all.Stdout, StringComparison.Ordinal);
        Assert.True(missed.ExitCode == ExitCodes.Ok, missed.ToString());
        Assert.Contains("NoAnswer", missed.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("HungUp", missed.Stdout, StringComparison.Ordinal);
        Assert.True(two.ExitCode == ExitCodes.Ok, two.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(two.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("calls").GetArrayLength());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, json.RootElement.GetProperty("nextBefore").ValueKind);
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
    }

    /// <summary>
    /// Alice calls Bob and they talk; Bob calls, Alice declines; Alice calls and cancels; Bob calls and nobody
    /// answers. Two calls each way keeps within the per-callee ring limit (3 a minute).
    /// </summary>
    private async Task<(Guid Answered, Guid Declined, Guid Cancelled, Guid Unanswered)> FourCallsAsync(Person alice, Person bob)
    {
        var first = await alice.Device.PlaceAsync(bob.Upn, None);
        var ringing = await bob.Device.WaitForIncomingAsync(None).Within();
        var talking = await bob.Device.AnswerAsync(ringing, None);
        await first.Connected.Within();
        await first.HangUpAsync(None);
        await talking.Ended.Within();

        var second = await bob.Device.PlaceAsync(alice.Upn, None);
        await alice.Device.DeclineAsync(await alice.Device.WaitForIncomingAsync(None).Within(), None);
        await second.Ended.Within();

        var third = await alice.Device.PlaceAsync(bob.Upn, None);
        var ringingThird = await bob.Device.WaitForIncomingAsync(None).Within();
        await third.HangUpAsync(None);
        await ringingThird.Stopped.Within();

        var fourth = await bob.Device.PlaceAsync(alice.Upn, None);
        var ringingFourth = await alice.Device.WaitForIncomingAsync(None).Within();
        server.RingClock.Advance(TimeSpan.FromSeconds(30));
        await fourth.Ended.Within();
        await ringingFourth.Stopped.Within();
        return (first.Id, second.Id, third.Id, fourth.Id);
    }
}
