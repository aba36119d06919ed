namespace Conclave.Protocols.Ice;

/// <summary>
/// A connectivity check that succeeded on <paramref name="Pair"/> (RFC 8445 §7.2.5.3 for a check this
/// agent sent, §7.3 for one it answered with success after verifying the peer's MESSAGE-INTEGRITY).
/// </summary>
/// <param name="Pair">The pair the check ran on; its remote candidate is the peer's proven address.</param>
/// <param name="Incoming">True when the peer sent the check and this agent answered it; false for this agent's own check.</param>
/// <param name="Nominated">Whether the check carried (or, for an own check, sent) USE-CANDIDATE (RFC 8445 §8.1.1).</param>
public readonly record struct IceCheckSucceeded(IceCandidatePair Pair, bool Incoming, bool Nominated);
