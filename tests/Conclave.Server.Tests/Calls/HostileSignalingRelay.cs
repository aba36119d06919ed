using System.Collections.Concurrent;
using System.Net;
using Conclave.Client.Media;
using Conclave.Contracts.Calls;
using Conclave.Server.Calls;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Calls;

/// <summary>
/// A compromised signaling path: a hub filter that, for every call, terminates DTLS toward each side with
/// its own media endpoints and swaps the fingerprints in the SDP. Alice's offer is answered by M1 (so
/// Alice sees M1's fingerprint), Bob receives M2's offer instead (so Bob sees M2's), Bob's answer goes to
/// M2, and trickled candidates are swallowed (the descriptions carry the attacker's candidates).
/// With <c>terminateDtls: false</c> it only replaces the fingerprint in the caller's offer and passes
/// everything else on. Each fixture has its own relay, fixed at construction, so no test changes another's.
/// </summary>
internal sealed class HostileSignalingRelay(bool terminateDtls) : IHubFilter, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, AttackerLegs> _calls = new();

    /// <summary>
    /// The attacker's security code toward the caller, once its leg's DTLS handshake completed. The caller's own
    /// side may finish first (as DTLS server it completes before the attacker, its client, reads the last flight),
    /// so the code is read only after that handshake, never before.
    /// </summary>
    public async Task<string?> CallerLegSecurityCodeAsync(Guid callId)
    {
        var legs = _calls[callId];
        await legs.CallerHandshake.Task;
        return legs.TowardCaller.SecurityCode;
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var method = context.HubMethodName;
        if (!terminateDtls)
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
            var legs = new AttackerLegs(MediaEndpoint.Create(Options()), MediaEndpoint.Create(Options()));
            _calls[callId] = legs;
            var answerToCaller = await legs.TowardCaller.CreateAnswerAsync(sdp, CancellationToken.None);
            var offerToCallee = await legs.TowardCallee.CreateOfferAsync(CancellationToken.None);
            var hub = context.ServiceProvider.GetRequiredService<IHubContext<CallHub, ICallClient>>();
            await hub.Clients.Client(context.Context.ConnectionId).Description(new DescriptionMessage(callId, "answer", answerToCaller));
            legs.CallerHandshake.Track(legs.TowardCaller.ConnectAsync(CancellationToken.None));
            var forwarded = new HubInvocationContext(context.Context, context.ServiceProvider, context.Hub, context.HubMethod, [context.HubMethodArguments[0], "offer", offerToCallee]);
            return await next(forwarded);
        }

        if (_calls.TryGetValue(callId, out var attacker))
        {
            attacker.TowardCallee.ApplyAnswer(sdp);
            attacker.CalleeHandshake.Track(attacker.TowardCallee.ConnectAsync(CancellationToken.None));
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
        foreach (var legs in _calls.Values)
        {
            await legs.TowardCaller.CloseAsync(CancellationToken.None);
            await legs.TowardCallee.CloseAsync(CancellationToken.None);
        }
    }

    private static MediaEndpointOptions Options() => new()
    {
        AddressFilter = address => address.Equals(IPAddress.Loopback),
        ToneFrequency = 300,
    };

    /// <summary>The attacker's two endpoints of one call and their handshakes.</summary>
    private sealed record AttackerLegs(MediaEndpoint TowardCaller, MediaEndpoint TowardCallee)
    {
        public Handshake CallerHandshake { get; } = new();

        public Handshake CalleeHandshake { get; } = new();
    }

    /// <summary>One leg's ConnectAsync as a task that exists before the handshake starts, so a test may wait on it at any time.</summary>
    private sealed class Handshake
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => _done.Task;

        public void Track(Task connect) => _ = connect.ContinueWith(
            t =>
            {
                if (t.Exception is { } failed)
                {
                    _done.TrySetException(failed.InnerExceptions);
                }
                else if (t.IsCanceled)
                {
                    _done.TrySetCanceled();
                }
                else
                {
                    _done.TrySetResult();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
