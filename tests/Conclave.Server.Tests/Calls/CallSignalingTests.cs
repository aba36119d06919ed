using System.Net;
using System.Net.Http.Json;
using Conclave.Client.Calls;
using Conclave.Domain.Policies.Questions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Calls;

[Collection(CallCollection.Name)]
public sealed class CallSignalingTests(CallServerFixture server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task TwoDevicesRing_FirstAcceptWins_TheOtherStopsRinging()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"), CallServerFixture.DeviceOptions("phone"), CallServerFixture.DeviceOptions("laptop"));

        var call = await alice.Device.PlaceAsync(bob.Upn, None);
        var onPhone = await bob.Devices[0].WaitForIncomingAsync(None).Within();
        var onLaptop = await bob.Devices[1].WaitForIncomingAsync(None).Within();
        Assert.Equal(call.Id, onPhone.CallId);
        Assert.Equal(call.Id, onLaptop.CallId);

        var answered = await bob.Devices[1].AnswerAsync(onLaptop, None);

        Assert.Equal("AnsweredElsewhere", await onPhone.Stopped.Within());
        var late = await Assert.ThrowsAsync<CallException>(() => bob.Devices[0].AnswerAsync(onPhone, None));
        Assert.Equal("call.wrong_state", late.Code);
        await call.Connected.Within();
        Assert.Equal(CallPhase.Connected, answered.Phase);
        await call.HangUpAsync(None);
        Assert.Equal("HungUp", await answered.Ended.Within());
    }

    [Fact]
    public async Task ServerClosesADevicesConnection_ItsCallEndsAsConnectionLost_ThePeerHearsHungUp_AndItsWaitFails()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"), CallServerFixture.DeviceOptions("phone"), CallServerFixture.DeviceOptions("laptop"));
        var call = await alice.Device.PlaceAsync(bob.Upn, None);
        var answered = await bob.Devices[0].AnswerAsync(await bob.Devices[0].WaitForIncomingAsync(None).Within(), None);
        Assert.Equal("AnsweredElsewhere", await (await bob.Devices[1].WaitForIncomingAsync(None).Within()).Stopped.Within());
        await call.Connected.Within();
        var waiting = bob.Devices[1].WaitForIncomingAsync(None);

        // Disabling the account closes every hub connection it holds (SessionTermination).
        using (var admin = server.CreateClient(await server.SignInAdminAsync()))
        using (var disabled = await admin.PatchAsJsonAsync($"/api/admin/users/{bob.Upn}", new { enabled = false }))
        {
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        }

        Assert.Equal(CallClient.ConnectionLost, await answered.Ended.Within());
        Assert.Equal(CallPhase.Ended, answered.Phase);
        Assert.Equal("HungUp", await call.Ended.Within());
        var lost = await Assert.ThrowsAsync<CallException>(() => waiting.Within());
        Assert.Equal("call.connection_lost", lost.Code);
    }

    [Fact]
    public async Task Decline_EndsTheCallerSide_AsDeclined_NotMissed()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"));

        var call = await alice.Device.PlaceAsync(bob.Upn, None);
        var incoming = await bob.Device.WaitForIncomingAsync(None).Within();
        await bob.Device.DeclineAsync(incoming, None);

        Assert.Equal("Declined", await call.Ended.Within());
        Assert.Empty(await bob.Device.GetMissedCallsAsync(None));
    }

    [Fact]
    public async Task Cancel_StopsRinging_AndLeavesAMissedCall()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"));

        var call = await alice.Device.PlaceAsync(bob.Upn, None);
        var incoming = await bob.Device.WaitForIncomingAsync(None).Within();
        await call.HangUpAsync(None);

        Assert.Equal("Cancelled", await incoming.Stopped.Within());
        var missed = Assert.Single(await bob.Device.GetMissedCallsAsync(None));
        Assert.Equal(alice.Upn, missed.CallerUpn);
        Assert.Equal("Cancelled", missed.Reason);
    }

    [Fact]
    public async Task NoAnswerIn30Seconds_OnTheRingClock_EndsBothSides_AndRecordsAMissedCall()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"));

        var call = await alice.Device.PlaceAsync(bob.Upn, None);
        var incoming = await bob.Device.WaitForIncomingAsync(None).Within();
        server.RingClock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.Ended.IsCompleted);
        server.RingClock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("NoAnswer", await call.Ended.Within());
        Assert.Equal("NoAnswer", await incoming.Stopped.Within());
        var missed = Assert.Single(await bob.Device.GetMissedCallsAsync(None));
        Assert.Equal(call.Id, missed.CallId);
        Assert.Equal("NoAnswer", missed.Reason);
    }

    [Fact]
    public async Task CalleeInAnotherCall_IsBusy()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"));
        await using var carol = await Person.SignInAsync(server, await server.CreateUserAsync("carol"));
        var first = await alice.Device.PlaceAsync(bob.Upn, None);
        await bob.Device.WaitForIncomingAsync(None).Within();

        var refused = await Assert.ThrowsAsync<CallException>(() => carol.Device.PlaceAsync(bob.Upn, None));

        Assert.Equal("call.busy", refused.Code);
        await first.HangUpAsync(None);
    }

    [Fact]
    public async Task UnknownCallee_IsRefused()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));

        var refused = await Assert.ThrowsAsync<CallException>(() => alice.Device.PlaceAsync("nobody@" + CallServerFixture.Domain, None));

        Assert.Equal("call.unknown_callee", refused.Code);
    }

    [Fact]
    public async Task Hub_WithoutAccessToken_IsRefused()
    {
        var pinned = server.Server.Certificate.GetCertHashString();
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Endpoint.BaseAddress, CallClient.HubPath), o =>
            {
                o.HttpMessageHandlerFactory = h =>
                {
                    ((HttpClientHandler)h).ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.GetCertHashString() == pinned;
                    return h;
                };
                o.WebSocketConfiguration = ws => ws.RemoteCertificateValidationCallback = (_, c, _, _) => c?.GetCertHashString() == pinned;
            })
            .Build();
        await using (hub)
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync(None));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }
    }

    [Fact]
    public async Task PlaceCall_HandsOutNoKeyMaterial_AndAuditsPlacedAnsweredEnded()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice", "EnabledUserOverride", E2eeUserSetting.Unset));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob", "EnabledUserOverride", E2eeUserSetting.Unset));

        var call = await alice.Device.PlaceAsync(bob.Upn, None);
        var incoming = await bob.Device.WaitForIncomingAsync(None).Within();
        var answered = await bob.Device.AnswerAsync(incoming, None);
        await Task.WhenAll(call.MediaReady, answered.MediaReady).Within();
        await call.HangUpAsync(None);
        await answered.Ended.Within();

        Assert.True(call.E2ee.EndToEnd);
        var records = await AuditRecordsAsync(call.Id);
        Assert.Equal(["call.placed", "call.answered", "call.ended"], records.Select(r => r.Action));
        foreach (var record in records)
        {
            Assert.DoesNotContain("fingerprint", record.Details ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(call.SecurityCode!, record.Details ?? "", StringComparison.Ordinal);
        }
    }

    private async Task<List<(string Action, string? Details)>> AuditRecordsAsync(Guid callId)
    {
        using var scope = server.Server.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Conclave.Server.Storage.ConclaveDbContext>();
        var id = callId.ToString();
        var rows = await db.AuditRecords.Where(r => r.Action.StartsWith("call.")).ToListAsync();
        return [.. rows.Where(r => (r.Details ?? "").Contains(id, StringComparison.Ordinal)).OrderBy(r => r.Id).Select(r => (r.Action, (string?)r.Details))];
    }
}
