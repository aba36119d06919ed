using Conclave.Domain.Calls;
using Microsoft.AspNetCore.SignalR;

namespace Conclave.Server.Calls;

/// <summary>
/// The SDP and candidate exchange of a connected call. In an end-to-end encrypted call each description and
/// trickled candidate goes as is to the other party's device (fingerprints, never keys, pass through; none
/// is stored or logged); in a standard call they go to the <see cref="StandardMediaBridge"/> instead.
/// </summary>
public sealed class SdpRelay(LiveCalls live, StandardMediaBridge bridge, IHubContext<CallHub, ICallClient> hub)
{
    /// <summary>Relays or hands to the media bridge a description already checked (Calls/Hub/HubArguments.cs).</summary>
    public async Task<SignalError?> RelayDescriptionAsync(string connectionId, Guid callId, string type, string sdp)
    {
        if (bridge.LegOf(callId, connectionId) is { } leg)
        {
            return await bridge.OpenLegAsync(leg, type, sdp);
        }

        if (live.PeerConnection(callId, connectionId) is not { } peer)
        {
            return CallErrors.NotFound().ToSignal();
        }

        await hub.Clients.Client(peer).Description(new DescriptionMessage(callId, type, sdp));
        return null;
    }

    /// <summary>Relays a candidate already checked (Calls/Hub/HubArguments.cs); null is end-of-candidates.</summary>
    public async Task<SignalError?> RelayCandidateAsync(string connectionId, Guid callId, string? candidate)
    {
        if (bridge.LegOf(callId, connectionId) is not null)
        {
            // Contract step 3: the leg is ICE-lite and learns the device's address from its checks
            // (RFC 8445 §2.5), so a trickled candidate needs no action; nothing is pushed to the devices.
            return null;
        }

        if (live.PeerConnection(callId, connectionId) is not { } peer)
        {
            return CallErrors.NotFound().ToSignal();
        }

        await hub.Clients.Client(peer).Candidate(new CandidateMessage(callId, candidate));
        return null;
    }
}
