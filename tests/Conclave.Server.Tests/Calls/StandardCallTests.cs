using Conclave.Client.Calls;

namespace Conclave.Server.Tests.Calls;

/// <summary>Standard calls between two .NET clients through the real server's media processor (docs/api.md, "Standard-call media").</summary>
[Collection(CallCollection.Name)]
public sealed class StandardCallTests(CallServerFixture server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<(Person Alice, Person Bob, Call Call, Call Answered)> ConnectAsync()
    {
        var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice", "Disabled"), CallServerFixture.DeviceOptions("alice", tone: 440));
        var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"), CallServerFixture.DeviceOptions("bob", tone: 1000));
        var call = await alice.Device.PlaceAsync(bob.Upn, None);
        var answered = await bob.Device.AnswerAsync(await bob.Device.WaitForIncomingAsync(None).Within(), None);
        await Task.WhenAll(call.MediaReady, answered.MediaReady).Within();
        return (alice, bob, call, answered);
    }

    [Fact]
    public async Task StandardCall_ToneCrossesTheMediaProcessorBothWays_AndNeitherSideHasASecurityCode()
    {
        var before = server.Media.Metrics.Snapshot();
        var (alice, bob, call, answered) = await ConnectAsync();
        await using (alice)
        await using (bob)
        {
            Assert.False(call.E2ee.EndToEnd);
            Assert.Null(call.SecurityCode);
            Assert.Null(answered.SecurityCode);

            // Each device's selected pair ends at the processor's leg for it, not at the other device.
            var legs = server.Media.LegsOf(call.Id);
            Assert.Equal(2, legs.Count);
            var callerRemote = call.Media!.SelectedPair!.Remote.Address;
            var calleeRemote = answered.Media!.SelectedPair!.Remote.Address;
            Assert.Contains(legs, l => callerRemote.Equals(l.Local) && call.Media.SelectedPair.Local.Address.Equals(l.Device));
            Assert.Contains(legs, l => calleeRemote.Equals(l.Local) && answered.Media.SelectedPair.Local.Address.Equals(l.Device));
            Assert.NotEqual(callerRemote, calleeRemote);

            Assert.True(await Bounded.EventuallyAsync(() => call.ToneDetected(1000) && answered.ToneDetected(440)), "tone not detected both ways");
            Assert.False(call.ToneDetected(440));
            var during = server.Media.Metrics.Snapshot();
            Assert.Equal(before.LegsConnected + 2, during.LegsConnected);
            Assert.True(during.PacketsForwarded - before.PacketsForwarded >= 20, $"forwarded {during.PacketsForwarded - before.PacketsForwarded}");
            Assert.True(during.BytesForwarded - before.BytesForwarded >= 20 * 160);

            await call.HangUpAsync(None);
            Assert.Equal("HungUp", await answered.Ended.Within());
            Assert.True(call.Statistics!.PacketsReceived > 0 && answered.Statistics!.PacketsReceived > 0);
            Assert.Equal(0, call.Statistics.PacketsRejected);
        }
    }

    [Fact]
    public async Task HangUp_ClosesBothLegs()
    {
        var (alice, bob, call, answered) = await ConnectAsync();
        await using (alice)
        await using (bob)
        {
            Assert.Equal(2, server.Media.LegsOf(call.Id).Count);
            Assert.True(server.Media.Metrics.LegsOpen >= 2);

            await answered.HangUpAsync(None);

            Assert.Empty(server.Media.LegsOf(call.Id));
            Assert.Equal(0, server.Media.Metrics.LegsOpen);
            Assert.Equal("HungUp", await call.Ended.Within());
        }
    }

    [Fact]
    public async Task Disconnect_OfOneDevice_ClosesBothLegs()
    {
        var (alice, bob, call, _) = await ConnectAsync();
        await using (alice)
        {
            await bob.DisposeAsync();

            Assert.Equal("HungUp", await call.Ended.Within());
            Assert.True(await Bounded.EventuallyAsync(() => server.Media.LegsOf(call.Id).Count == 0 && server.Media.Metrics.LegsOpen == 0), "legs left open");
        }
    }
}
