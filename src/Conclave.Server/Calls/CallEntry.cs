using Conclave.Domain.Calls;
using Conclave.Server.Presence;

namespace Conclave.Server.Calls;

/// <summary>A live call on this server: the domain session, who rings, and the ring timer.</summary>
internal sealed class CallEntry(CallSession session, RegisteredDevice caller, string calleeUpn)
{
    public CallSession Session { get; } = session;

    public RegisteredDevice Caller { get; } = caller;

    public string CalleeUpn { get; } = calleeUpn;

    /// <summary>The callee devices ringing, with the E2EE verdict for each (its capability counts).</summary>
    public Dictionary<string, (RegisteredDevice Device, E2eeDecision Decision)> Ringing { get; } = new(StringComparer.Ordinal);

    public RegisteredDevice? Callee { get; set; }

    public ITimer? RingTimer { get; set; }

    /// <summary>The user id acting for <paramref name="connectionId"/> in the call: the caller's device, the connected callee device, or a ringing one.</summary>
    public string? PartyOf(string connectionId) => DeviceOf(connectionId)?.UserId;

    /// <summary>The device of <paramref name="connectionId"/> in the call: the caller's, the connected callee's, or a ringing one.</summary>
    public RegisteredDevice? DeviceOf(string connectionId) =>
        connectionId == Caller.ConnectionId ? Caller
        : Callee?.ConnectionId == connectionId ? Callee
        : Ringing.TryGetValue(connectionId, out var ringing) ? ringing.Device
        : null;

    /// <summary>The other end's connection, for a device of this call; null for any other connection.</summary>
    public string? PeerOf(string connectionId) =>
        connectionId == Caller.ConnectionId ? Callee?.ConnectionId : Callee is not null && connectionId == Callee.ConnectionId ? Caller.ConnectionId : null;
}
