namespace Conclave.Protocols.Ice;

/// <summary>Candidate pair states (RFC 8445 §6.1.2.6).</summary>
public enum IceCandidatePairState
{
    Frozen,
    Waiting,
    InProgress,
    Succeeded,
    Failed,
}
