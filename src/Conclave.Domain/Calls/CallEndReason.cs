namespace Conclave.Domain.Calls;

/// <summary>How a call ended. Stable names: clients and the audit log show them.</summary>
public enum CallEndReason
{
    /// <summary>Not ended.</summary>
    None,

    /// <summary>Connected, then one side hung up.</summary>
    HungUp,

    /// <summary>The callee declined while it rang.</summary>
    Declined,

    /// <summary>The caller gave up while it rang (a missed call for the callee).</summary>
    Cancelled,

    /// <summary>The callee was already in a call.</summary>
    Busy,

    /// <summary>Nobody answered within the ring timeout (a missed call for the callee).</summary>
    NoAnswer,

    /// <summary>
    /// Refused before ringing: a party's policy requires end-to-end encryption and the call cannot
    /// have it (<see cref="E2eeDecision.Reasons"/> says why).
    /// </summary>
    E2eeRequired,
}
