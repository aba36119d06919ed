namespace Conclave.Protocols.Ice;

/// <summary>Candidate types (RFC 8445 §5.1.1).</summary>
public enum IceCandidateType
{
    Host,
    ServerReflexive,
    PeerReflexive,
    Relayed,
}
