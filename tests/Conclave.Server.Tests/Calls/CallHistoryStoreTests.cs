using Conclave.Server.Calls;
using Conclave.Server.Storage;
using Conclave.Server.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Calls;

/// <summary>The stored call history, run as-is against every provider (subclasses below).</summary>
public abstract class CallHistoryStoreTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-03-04T05:06:07Z", System.Globalization.CultureInfo.InvariantCulture);

    protected abstract Task<TestStore> CreateStoreAsync();

    [SkippableFact]
    public async Task Page_IsNewestPlacedFirst_AndBeforeWalksEveryCallOnce()
    {
        await using var store = await CreateStoreAsync();
        await store.MigrateAsync();
        var history = HistoryOn(store);
        var calls = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            calls.Add(await RecordAsync(history, "alice", "bob", T0.AddMinutes(i), "HungUp"));
        }

        List<Guid> seen = [];
        Guid? before = null;
        var pages = 0;
        do
        {
            var page = (await history.PageAsync("alice", 2, before, missedOnly: false, CancellationToken.None))!;
            Assert.InRange(page.Calls.Count, 1, 2);
            seen.AddRange(page.Calls.Select(c => c.CallId));
            before = page.NextBefore;
            pages++;
        }
        while (before is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(calls), seen);
    }

    [SkippableFact]
    public async Task Page_ShowsOnlyTheUsersOwnCalls_FromHerSide()
    {
        await using var store = await CreateStoreAsync();
        await store.MigrateAsync();
        var history = HistoryOn(store);
        var answered = await RecordAsync(history, "alice", "bob", T0, "HungUp", answered: true);
        var missed = await RecordAsync(history, "carol", "alice", T0.AddMinutes(1), "NoAnswer", missed: true);
        await RecordAsync(history, "carol", "bob", T0.AddMinutes(2), "Declined");

        var alice = (await history.PageAsync("alice", 10, null, missedOnly: false, CancellationToken.None))!;
        var carol = (await history.PageAsync("carol", 10, null, missedOnly: false, CancellationToken.None))!;
        var aliceMissed = (await history.PageAsync("alice", 10, null, missedOnly: true, CancellationToken.None))!;

        Assert.Equal([missed, answered], alice.Calls.Select(c => c.CallId));
        Assert.Equal(("Incoming", "carol@x.test", true, "NoAnswer"), (alice.Calls[0].Direction, alice.Calls[0].PeerUpn, alice.Calls[0].Missed, alice.Calls[0].EndReason));
        Assert.Equal(("Outgoing", "bob@x.test", false, "E2ee"), (alice.Calls[1].Direction, alice.Calls[1].PeerUpn, alice.Calls[1].Missed, alice.Calls[1].Mode));
        Assert.NotNull(alice.Calls[1].AnsweredAt);
        Assert.Null(alice.NextBefore);

        // The caller of a missed call did not miss it.
        var carolsMissed = Assert.Single(carol.Calls, c => c.CallId == missed);
        Assert.False(carolsMissed.Missed);
        Assert.Equal(missed, Assert.Single(aliceMissed.Calls).CallId);
    }

    [SkippableFact]
    public async Task Before_ACallOfSomeoneElse_IsRefused()
    {
        await using var store = await CreateStoreAsync();
        await store.MigrateAsync();
        var history = HistoryOn(store);
        var theirs = await RecordAsync(history, "carol", "bob", T0, "HungUp");

        Assert.Null(await history.PageAsync("alice", 10, theirs, missedOnly: false, CancellationToken.None));
        Assert.Null(await history.PageAsync("alice", 10, Guid.NewGuid(), missedOnly: false, CancellationToken.None));
    }

    [SkippableFact]
    public async Task MissedCalls_AreTheLatestPerCaller_WithTheirCount_InTheOrderTheyEnded_AndOutliveTheProcess()
    {
        await using var store = await CreateStoreAsync();
        await store.MigrateAsync();
        var history = HistoryOn(store);
        await RecordAsync(history, "alice", "bob", T0, "NoAnswer", missed: true);
        await RecordAsync(history, "carol", "bob", T0.AddMinutes(1), "Cancelled", missed: true);
        var latest = await RecordAsync(history, "alice", "bob", T0.AddMinutes(2), CallRecord.OfflineReason, missed: true);
        await RecordAsync(history, "alice", "bob", T0.AddMinutes(3), "Declined");

        // A fresh service provider over the same database: nothing is held in memory.
        var missed = await HistoryOn(store).MissedCallsOfAsync("bob", CancellationToken.None);

        Assert.Equal(["carol@x.test", "alice@x.test"], missed.Select(m => m.CallerUpn));
        Assert.Equal((latest, 2, CallRecord.OfflineReason, T0.AddMinutes(2)), (missed[1].CallId, missed[1].Count, missed[1].Reason, missed[1].At));
        Assert.Equal(1, missed[0].Count);
        Assert.Empty(await history.MissedCallsOfAsync("alice", CancellationToken.None));
    }

    private static CallHistory HistoryOn(TestStore store)
    {
        var services = new ServiceCollection();
        services.AddScoped<ConclaveDbContext>(_ => store.CreateContext());
        return new CallHistory(services.BuildServiceProvider().GetRequiredService<IServiceScopeFactory>());
    }

    private static async Task<Guid> RecordAsync(
        CallHistory history, string caller, string callee, DateTimeOffset placed, string reason, bool answered = false, bool missed = false)
    {
        var id = Guid.NewGuid();
        await history.RecordAsync(
            new CallRecord
            {
                CallId = id,
                CallerId = caller,
                CallerUpn = caller + "@x.test",
                CalleeId = callee,
                CalleeUpn = callee + "@x.test",
                PlacedAt = placed,
                AnsweredAt = answered ? placed.AddSeconds(5) : null,
                EndedAt = placed.AddSeconds(30),
                EndReason = reason,
                EndToEnd = true,
                Missed = missed,
            },
            CancellationToken.None);
        return id;
    }
}

public sealed class SqliteCallHistoryStoreTests : CallHistoryStoreTests
{
    protected override Task<TestStore> CreateStoreAsync() => Task.FromResult<TestStore>(new SqliteTestStore());
}

public sealed class PostgresCallHistoryStoreTests : CallHistoryStoreTests
{
    protected override async Task<TestStore> CreateStoreAsync() => await PostgresTestStore.CreateAsync();
}
