using Conclave.Contracts.Errors;
using Conclave.Server.Media;
using Microsoft.AspNetCore.SignalR;

namespace Conclave.Server.Calls;

/// <summary>
/// Standard calls (docs/api.md, "Standard-call media"): each device's offer opens its own leg on the
/// media processor, and the answer goes back to that device alone; nothing is relayed to the other party.
/// Every end path of a call closes its legs here.
/// </summary>
public sealed class StandardMediaBridge(LiveCalls live, MediaProcessor media, IHubContext<CallHub, ICallClient> hub)
{
    /// <summary>The leg key of a device in a connected standard call, or null (E2EE call, not a party, not connected).</summary>
    public MediaLegKey? LegOf(Guid callId, string connectionId) => live.StandardLeg(callId, connectionId);

    /// <summary>Opens the device's leg for its offer; the media processor's answer is pushed to that device.</summary>
    public async Task<SignalError?> OpenLegAsync(MediaLegKey leg, string type, string sdp)
    {
        if (type != "offer")
        {
            return new SignalError(ErrorCodes.Call.InvalidDescription, "In a standard call each device sends an offer; the server's media processor answers.");
        }

        var refusal = await media.OpenLegAsync(
            leg,
            sdp,
            answer => hub.Clients.Client(leg.ConnectionId).Description(new DescriptionMessage(leg.CallId, "answer", answer)),
            CancellationToken.None);
        if (refusal is not null)
        {
            return new SignalError(refusal.Code, refusal.Message);
        }

        // The call may have ended while the leg opened: its end path closed the legs it saw, so close again.
        if (!live.IsLive(leg.CallId))
        {
            await media.CloseCallAsync(leg.CallId, "Ended");
        }

        return null;
    }

    /// <summary>Contract step 5: every end path comes through here, so no leg outlives its call.</summary>
    public Task CloseCallAsync(Guid callId, string reason) => media.CloseCallAsync(callId, reason);
}
