using System.Net;

namespace Conclave.Protocols.Ice;

internal enum IceTransactionKind
{
    Check,
    Consent,
    Gather,
}

/// <summary>One outstanding STUN request of the agent, retransmitted on the agent's clock (RFC 8489 §6.2.1).</summary>
internal sealed class IceTransaction(IceTransactionKind kind, IceLocalBase localBase, IPEndPoint destination, byte[] request)
{
    public IceTransactionKind Kind { get; } = kind;

    public IceLocalBase Base { get; } = localBase;

    public IPEndPoint Destination { get; } = destination;

    public byte[] Request { get; } = request;

    public IceCandidatePair? Pair { get; init; }

    public bool UseCandidate { get; init; }

    public IceRole RoleAtSend { get; init; }

    public TaskCompletionSource<IPEndPoint?>? Gathered { get; init; }

    /// <summary>RFC 8445 §7.3.1.4: no more retransmissions, and no failure if no answer comes.</summary>
    public bool Cancelled { get; set; }

    public int Transmissions { get; set; }

    public long NextSend { get; set; }

    public TimeSpan Rto { get; set; }
}
