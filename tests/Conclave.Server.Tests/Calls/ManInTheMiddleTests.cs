using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Calls;

/// <summary>A call server whose signaling path is compromised by <see cref="HostileSignalingRelay"/>.</summary>
public abstract class HostileRelayFixture(bool terminateDtls) : CallServerFixture
{
    internal HostileSignalingRelay Relay { get; } = new(terminateDtls);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Relay.DisposeAsync();
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<HubOptions>(o => o.AddFilter(Relay));
}

public sealed class DtlsTerminatingRelayFixture() : HostileRelayFixture(terminateDtls: true);

public sealed class FingerprintSwappingRelayFixture() : HostileRelayFixture(terminateDtls: false);

/// <summary>
/// What the security code is for: an attacker in the signaling path who terminates DTLS toward each side
/// cannot make the two people's codes match. Each test class has its own server and relay, so neither
/// changes the other's.
/// </summary>
public sealed class ManInTheMiddleTests(DtlsTerminatingRelayFixture server) : IClassFixture<DtlsTerminatingRelayFixture>
{
    [Fact]
    public async Task FingerprintsSwappedInSignaling_DtlsTerminatedTowardEachSide_TheSecurityCodesDiffer()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"));

        var call = await alice.Device.PlaceAsync(bob.Upn, CancellationToken.None);
        var incoming = await bob.Device.WaitForIncomingAsync(CancellationToken.None).Within();
        var answered = await bob.Device.AnswerAsync(incoming, CancellationToken.None);
        await Task.WhenAll(call.MediaReady, answered.MediaReady).Within();

        Assert.True(call.E2ee.EndToEnd);
        Assert.NotNull(call.SecurityCode);
        Assert.NotNull(answered.SecurityCode);
        Assert.NotEqual(call.SecurityCode, answered.SecurityCode);

        // The attacker's leg toward Alice computes what Alice sees: the code is bound to the certificates
        // the handshake proved, and only comparing it with Bob's shows the substitution. Read once that
        // leg's handshake is done (Alice, the DTLS server, may finish first).
        Assert.Equal(call.SecurityCode, await server.Relay.CallerLegSecurityCodeAsync(call.Id).Within());
        await call.HangUpAsync(CancellationToken.None);
    }
}

/// <summary>Swapping only the fingerprint in the offer, without terminating DTLS, breaks the call's media: the handshake proves the real certificate.</summary>
public sealed class ManInTheMiddleFingerprintOnlyTests(FingerprintSwappingRelayFixture server) : IClassFixture<FingerprintSwappingRelayFixture>
{
    [Fact]
    public async Task FingerprintSwappedInTheOffer_TheCalleesHandshakeFails_AndNoMediaFlows()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"));

        var call = await alice.Device.PlaceAsync(bob.Upn, CancellationToken.None);
        var incoming = await bob.Device.WaitForIncomingAsync(CancellationToken.None).Within();
        var answered = await bob.Device.AnswerAsync(incoming, CancellationToken.None);

        var failure = await Record.ExceptionAsync(() => answered.MediaReady.Within());
        Assert.NotNull(failure);
        Assert.IsNotType<TimeoutException>(failure);
        Assert.Null(answered.SecurityCode);
    }
}
