using Conclave.Contracts.Errors;
using Conclave.Domain.Calls;
using Conclave.Server.Media;

namespace Conclave.Server.Calls;

/// <summary>
/// Standard calls (docs/api.md, "Standard-call media"): each device's offer opens its own leg on the
/// media processor, and the answer goes back to that device alone; nothing is relayed to the other party.
/// </summary>
public sealed partial class CallService
{
    /// <summary>The leg key of a device in a connected standard call, or null (E2EE call, not a party, not connected).</summary>
    private MediaLegKey? StandardLeg(Guid callId, string connectionId)
    {
        lock (_gate)
        {
            if (!_calls.TryGetValue(callId, out var entry) || entry.Session.State != CallState.Connected || entry.Session.E2ee.EndToEnd)
            {
                return null;
            }

            var device = entry.Caller.ConnectionId == connectionId ? entry.Caller
                : entry.Callee?.ConnectionId == connectionId ? entry.Callee
                : null;
            return device is null ? null : new MediaLegKey(callId, connectionId, device.DeviceId, device.UserId, device.Upn);
        }
    }

    private async Task<SignalError?> OpenStandardLegAsync(MediaLegKey leg, string type, string sdp)
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
        bool live;
        lock (_gate)
        {
            live = _calls.ContainsKey(leg.CallId);
        }

        if (!live)
        {
            await media.CloseCallAsync(leg.CallId, "Ended");
        }

        return null;
    }
}
