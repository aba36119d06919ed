namespace Conclave.Protocols.Ice;

/// <summary>A local and a remote candidate checked together (RFC 8445 §6.1.2).</summary>
public sealed class IceCandidatePair
{
    internal IceCandidatePair(IceCandidate local, IceCandidate remote, IceLocalBase localBase)
    {
        Local = local;
        Remote = remote;
        Base = localBase;
    }

    public IceCandidate Local { get; }

    public IceCandidate Remote { get; }

    public IceCandidatePairState State { get; internal set; }

    /// <summary>Set when a check with USE-CANDIDATE succeeded on this pair (RFC 8445 §8.1.1).</summary>
    public bool Nominated { get; internal set; }

    public ulong Priority { get; internal set; }

    public string Foundation => Local.Foundation + ":" + Remote.Foundation;

    internal IceLocalBase Base { get; }

    /// <summary>The peer sent USE-CANDIDATE on this pair (we are controlled).</summary>
    internal bool NominatedByPeer { get; set; }

    /// <summary>When the peer last nominated this pair, in nomination order (0: never): the latest nomination wins.</summary>
    internal long NominationOrder { get; set; }

    /// <summary>An authenticated check from the peer arrived on this pair (its data is accepted, RFC 8445 §12.2).</summary>
    internal bool AuthenticatedByPeer { get; set; }

    /// <summary>The next check on this pair carries USE-CANDIDATE (we are controlling).</summary>
    internal bool Nominating { get; set; }

    internal void UpdatePriority(IceRole role) =>
        Priority = role == IceRole.Controlling ? IcePriority.Pair(Local.Priority, Remote.Priority) : IcePriority.Pair(Remote.Priority, Local.Priority);

    public override string ToString() => $"{Local.Address} ({IceCandidate.TypeName(Local.Type)}) -> {Remote.Address} ({IceCandidate.TypeName(Remote.Type)}) {State}";
}
