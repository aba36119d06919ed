using Conclave.Domain.Calls;
using Conclave.Server.Media;

namespace Conclave.Server.Calls;

/// <summary>
/// The live calls of this node (ringing or connected), shared by the three jobs of a call: ringing and
/// answering (<see cref="CallService"/>), the SDP relay (<see cref="SdpRelay"/>) and the standard-media
/// bridge (<see cref="StandardMediaBridge"/>). One lock, <see cref="Gate"/>, serialises every change; the
/// members marked "under the lock" expect it held, the others take it themselves.
/// </summary>
public sealed class LiveCalls
{
    private readonly Dictionary<Guid, CallEntry> _calls = [];

    internal Lock Gate { get; } = new();

    public int Count
    {
        get
        {
            lock (Gate)
            {
                return _calls.Count;
            }
        }
    }

    /// <summary>Under the lock.</summary>
    internal bool TryGet(Guid callId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CallEntry? entry) => _calls.TryGetValue(callId, out entry);

    /// <summary>Under the lock.</summary>
    internal void Add(CallEntry entry) => _calls[entry.Session.Id] = entry;

    /// <summary>Drops an ended call and stops its ring timer; under the lock.</summary>
    internal void Forget(CallEntry entry)
    {
        entry.RingTimer?.Dispose();
        _calls.Remove(entry.Session.Id);
    }

    /// <summary>A copy of the live calls; under the lock.</summary>
    internal List<CallEntry> Snapshot() => [.. _calls.Values];

    /// <summary>Caller or callee with a ringing or connected call (the caller of a call counts while it rings); under the lock.</summary>
    internal bool IsBusy(string userId) =>
        _calls.Values.Any(c => c.Session.State != CallState.Ended && c.Session.IsParty(userId));

    public bool IsLive(Guid callId)
    {
        lock (Gate)
        {
            return _calls.ContainsKey(callId);
        }
    }

    /// <summary>The other device of a connected call, for one of its two devices; null otherwise.</summary>
    public string? PeerConnection(Guid callId, string connectionId)
    {
        lock (Gate)
        {
            return _calls.TryGetValue(callId, out var entry) && entry.Session.State == CallState.Connected ? entry.PeerOf(connectionId) : null;
        }
    }

    /// <summary>The leg key of a device in a connected standard call, or null (E2EE call, not a party, not connected).</summary>
    public MediaLegKey? StandardLeg(Guid callId, string connectionId)
    {
        lock (Gate)
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
}
