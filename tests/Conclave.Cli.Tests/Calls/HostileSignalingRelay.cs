using System.Collections.Concurrent;
using System.Net;
using Conclave.Client.Media;
using Conclave.Server.Signaling;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Cli.Tests.Calls;

/// <summary>
/// A compromised signaling path: a hub filter that, for every call, terminates DTLS toward each side with
/// its own media endpoints and swaps the fingerprints in the SDP. Alice's offer is answered by M1 (so
/// Alice sees M1's fingerprint), Bob receives M2's offer instead (so Bob sees M2's), Bob's answer goes to
/// M2, and trickled candidates are swallowed (the descriptions carry the attacker's candidates).
/// </summary>
internal sealed class HostileSignalingRelay : IHubFilter, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, (MediaEndpoint TowardCaller, MediaEndpoint TowardCallee)> _calls = new();

    public ConcurrentBag<Task> Handshakes { get; } = [];

    /// <summary>False: only replace the fingerprint in the caller's offer and pass everything else on.</summary>
    public bool TerminateDtls { get; set; } = true;

    /// <summary>The attacker's leg toward the caller, once the caller's offer passed.</summary>
    public MediaEndpoint? TowardCaller(Guid callId) => _calls.TryGetValue(callId, out var legs) ? legs.TowardCaller : null;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var method = context.HubMethodName;
        if (!TerminateDtls)
        {
            return await SwapFingerprintOnlyAsync(context, next);
        }

        if (method == nameof(CallHub.SendCandidate))
        {
            return null;
        }

        if (method != nameof(CallHub.SendDescription))
        {
            return await next(context);
        }

        // The hub takes the call id as text and checks it (Signaling/HubArguments.cs).
        var callId = Guid.Parse((string)context.HubMethodArguments[0]!);
        var type = (string)context.HubMethodArguments[1]!;
        var sdp = (string)context.HubMethodArguments[2]!;
        if (type == "offer")
        {
            var towardCaller = MediaEndpoint.Create(Options());
            var towardCallee = MediaEndpoint.Create(Options());
            _calls[callId] = (towardCaller, towardCallee);
            var answerToCaller = await towardCaller.CreateAnswerAsync(sdp, CancellationToken.None);
            var offerToCallee = await towardCallee.CreateOfferAsync(CancellationToken.None);
            var hub = context.ServiceProvider.GetRequiredService<IHubContext<CallHub, ICallClient>>();
            await hub.Clients.Client(context.Context.ConnectionId).Description(new DescriptionMessage(callId, "answer", answerToCaller));
            Handshakes.Add(towardCaller.ConnectAsync(CancellationToken.None));
            var forwarded = new HubInvocationContext(context.Context, context.ServiceProvider, context.Hub, context.HubMethod, [context.HubMethodArguments[0], "offer", offerToCallee]);
            return await next(forwarded);
        }

        if (_calls.TryGetValue(callId, out var legs))
        {
            legs.TowardCallee.ApplyAnswer(sdp);
            Handshakes.Add(legs.TowardCallee.ConnectAsync(CancellationToken.None));
        }

        return null;
    }

    private static async ValueTask<object?> SwapFingerprintOnlyAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (context.HubMethodName != nameof(CallHub.SendDescription) || (string)context.HubMethodArguments[1]! != "offer")
        {
            return await next(context);
        }

        await using var impostor = MediaEndpoint.Create(Options());
        var sdp = (string)context.HubMethodArguments[2]!;
        var lines = sdp.Split("\r\n").Select(l => l.StartsWith("a=fingerprint:", StringComparison.Ordinal) ? "a=fingerprint:" + impostor.LocalFingerprint.ToSdpValue() : l);
        var forged = string.Join("\r\n", lines);
        Assert.NotEqual(sdp, forged);
        return await next(new HubInvocationContext(context.Context, context.ServiceProvider, context.Hub, context.HubMethod, [context.HubMethodArguments[0], "offer", forged]));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (a, b) in _calls.Values)
        {
            await a.CloseAsync(CancellationToken.None);
            await b.CloseAsync(CancellationToken.None);
        }
    }

    private static MediaEndpointOptions Options() => new()
    {
        AddressFilter = address => address.Equals(IPAddress.Loopback),
        ToneFrequency = 300,
    };
}

public sealed class HostileRelayServerFixture : CallServerFixture
{
    internal HostileSignalingRelay Relay { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<HubOptions>(o => o.AddFilter(Relay));

    public override async Task DisposeAsync()
    {
        await Relay.DisposeAsync();
        await base.DisposeAsync();
    }
}

public sealed class ManInTheMiddleTests(HostileRelayServerFixture server) : IClassFixture<HostileRelayServerFixture>
{
    [Fact]
    public async Task FingerprintsSwappedInSignaling_DtlsTerminatedTowardEachSide_TheSecurityCodesDiffer()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"));

        var call = await alice.Device.PlaceAsync(bob.Upn, CancellationToken.None);
        var answered = await bob.Device.AnswerAsync(await bob.Device.WaitForIncomingAsync(CancellationToken.None).Within(), CancellationToken.None);
        var sides = await Task.WhenAll(Outcome(call.MediaReady), Outcome(answered.MediaReady)).Within();

        Assert.True(call.E2ee.EndToEnd);
        Assert.Equal([true, true], sides);

        // The attack worked at the crypto level: each side completed DTLS with the attacker, who shares
        // Alice's code (and Bob's with its other leg)...
        Assert.Equal(server.Relay.TowardCaller(call.Id)!.SecurityCode, call.SecurityCode);

        // ...and the two codes people compare differ: the attack is visible, never silent.
        Assert.NotNull(answered.SecurityCode);
        Assert.NotEqual(call.SecurityCode, answered.SecurityCode);

        await call.HangUpAsync(CancellationToken.None);
    }

    [Fact]
    public async Task FingerprintSwappedInSignaling_WithoutTerminatingDtls_TheHandshakeFailsOnTheFingerprintCheck()
    {
        server.Relay.TerminateDtls = false;
        try
        {
            await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
            await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"));

            var call = await alice.Device.PlaceAsync(bob.Upn, CancellationToken.None);
            var answered = await bob.Device.AnswerAsync(await bob.Device.WaitForIncomingAsync(CancellationToken.None).Within(), CancellationToken.None);

            var refused = await Assert.ThrowsAsync<Conclave.Client.Calls.CallException>(() => answered.MediaReady.Within());
            Assert.Equal("call.media_FingerprintMismatch", refused.Code);
            Assert.Null(answered.SecurityCode);
            await call.HangUpAsync(CancellationToken.None);
        }
        finally
        {
            server.Relay.TerminateDtls = true;
        }
    }

    private static async Task<bool> Outcome(Task media)
    {
        try
        {
            await media;
            return true;
        }
        catch (Conclave.Client.Calls.CallException)
        {
            return false;
        }
    }
}
