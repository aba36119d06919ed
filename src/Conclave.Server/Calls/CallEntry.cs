using Conclave.Domain.Calls;

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

    /// <summary>The other end's connection, for a device of this call; null for any other connection.</summary>
    public string? PeerOf(string connectionId) =>
        connectionId == Caller.ConnectionId ? Callee?.ConnectionId : Callee is not null && connectionId == Callee.ConnectionId ? Caller.ConnectionId : null;
}
