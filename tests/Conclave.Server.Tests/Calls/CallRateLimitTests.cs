using System.Text.Json;
using Conclave.Server.Directory;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Calls;

/// <summary>
/// Ringing is limited per caller (10 a minute) and per caller and callee (3 a minute) on the ring clock;
/// one caller cannot push others' missed calls out of a callee's list; refusals are audited at a bounded rate.
/// </summary>
[Collection(CallCollection.Name)]
public sealed class CallRateLimitTests(CallServerFixture server)
{
    [Fact]
    public async Task OneCaller_OverTenRingsAMinute_IsRefusedRateLimited_WithRetryAfter_UntilTheRingClockRefills()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var hub = await RegisteredAsync(alice);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("call.unknown_callee", RawHub.CodeOf(await hub.CallAsync("PlaceCall", $"nobody{i}@{CallServerFixture.Domain}")));
        }

        var refused = RawHub.RefusalOf(await hub.CallAsync("PlaceCall", $"nobody10@{CallServerFixture.Domain}"))!.Value;
        Assert.Equal("call.rate_limited", refused.GetProperty("code").GetString());
        // 10 a minute refill one every 6 s.
        Assert.InRange(refused.GetProperty("retryAfterSeconds").GetInt32(), 1, 6);

        server.RingClock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal("call.unknown_callee", RawHub.CodeOf(await hub.CallAsync("PlaceCall", $"nobody11@{CallServerFixture.Domain}")));
        Assert.Equal("call.rate_limited", RawHub.CodeOf(await hub.CallAsync("PlaceCall", $"nobody12@{CallServerFixture.Domain}")));
    }

    [Fact]
    public async Task OneCaller_RingingOnePersonMoreThanThreeTimesAMinute_IsRefused_WhileOthersCanStillBeRung()
    {
        var bob = await server.CreateUserAsync("bob");
        var carol = await server.CreateUserAsync("carol");
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var hub = await RegisteredAsync(alice);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("call.callee_offline", RawHub.CodeOf(await hub.CallAsync("PlaceCall", bob)));
        }

        var refused = RawHub.RefusalOf(await hub.CallAsync("PlaceCall", bob.ToUpperInvariant()))!.Value;
        Assert.Equal("call.rate_limited", refused.GetProperty("code").GetString());
        Assert.InRange(refused.GetProperty("retryAfterSeconds").GetInt32(), 1, 20);
        Assert.Equal("call.callee_offline", RawHub.CodeOf(await hub.CallAsync("PlaceCall", carol)));
    }

    [Fact]
    public async Task ManyMissedCallsFromOneCaller_DoNotPushOutAnotherCallersMissedCall()
    {
        var bobUpn = await server.CreateUserAsync("bob");
        await using (var carol = await Person.SignInAsync(server, await server.CreateUserAsync("carol")))
        {
            await using var carolHub = await RegisteredAsync(carol);
            Assert.Equal("call.callee_offline", RawHub.CodeOf(await carolHub.CallAsync("PlaceCall", bobUpn)));
        }

        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var hub = await RegisteredAsync(alice);
        for (var i = 0; i < 150; i++)
        {
            // Past both limits each time: this is about the missed-call list, not the rate.
            server.RingClock.Advance(TimeSpan.FromSeconds(20));
            Assert.Equal("call.callee_offline", RawHub.CodeOf(await hub.CallAsync("PlaceCall", bobUpn)));
        }

        await using var bob = await Person.SignInAsync(server, bobUpn);
        var missed = (await bob.Device.GetMissedCallsAsync(CancellationToken.None)).ToList();

        Assert.Equal(2, missed.Count);
        Assert.StartsWith("carol-", missed[0].CallerUpn, StringComparison.Ordinal);
        Assert.Equal(alice.Upn, missed[1].CallerUpn);
        var raw = await RawHub.ConnectAsync(server, bob.Session);
        await using (raw)
        {
            await raw.CallAsync("RegisterDevice", "raw", true);
            var entries = (await raw.CallAsync("GetMissedCalls")).EnumerateArray().ToList();
            Assert.Equal([1, 150], entries.Select(e => e.GetProperty("count").GetInt32()));
        }
    }

    [Fact]
    public async Task RepeatedRefusals_AreAuditedOnce_ThenAsOneRecordWithTheCount_WhenTheWindowCloses()
    {
        var strict = await server.CreateUserAsync("strict", "Required");
        await using var lax = await Person.SignInAsync(server, await server.CreateUserAsync("lax", "Disabled"));
        await using var alice = await Person.SignInAsync(server, strict);
        await using var hub = await RegisteredAsync(alice);
        var aliceId = await UserIdAsync(strict);

        var codes = new List<string?>();
        for (var i = 0; i < 20; i++)
        {
            codes.Add(RawHub.CodeOf(await hub.CallAsync("PlaceCall", lax.Upn)));
        }

        Assert.Equal(Enumerable.Repeat("call.e2ee_required", 3).Concat(Enumerable.Repeat("call.rate_limited", 17)), codes);
        var first = Assert.Single(await RefusalsOfAsync(aliceId));
        Assert.Equal(lax.Upn, first.Target);

        server.RingClock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await Bounded.EventuallyAsync(() => RefusalsOfAsync(aliceId).GetAwaiter().GetResult().Count == 2), "no aggregated record");
        var aggregated = (await RefusalsOfAsync(aliceId))[1];
        using var details = JsonDocument.Parse(aggregated.Details!);
        Assert.Equal(19, details.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(2, details.RootElement.GetProperty("codes").GetProperty("call.e2ee_required").GetInt32());
        Assert.Equal(17, details.RootElement.GetProperty("codes").GetProperty("call.rate_limited").GetInt32());
        Assert.Equal(lax.Upn, aggregated.Target);

        // A quiet window writes nothing more.
        server.RingClock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(200);
        Assert.Equal(2, (await RefusalsOfAsync(aliceId)).Count);
    }

    private async Task<HubConnection> RegisteredAsync(Person person)
    {
        var hub = await RawHub.ConnectAsync(server, person.Session);
        Assert.Null(RawHub.CodeOf(await hub.CallAsync("RegisterDevice", "raw", true)));
        return hub;
    }

    private async Task<string> UserIdAsync(string upn)
    {
        using var scope = server.Server.App.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ConclaveUser>>().FindByNameAsync(upn))!.Id;
    }

    private async Task<List<Conclave.Server.Audit.AuditRecord>> RefusalsOfAsync(string actorId)
    {
        using var scope = server.Server.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Conclave.Server.Storage.ConclaveDbContext>();
        return await db.AuditRecords.AsNoTracking().Where(r => r.ActorId == actorId && r.Action == "call.refused").OrderBy(r => r.Id).ToListAsync();
    }
}
