namespace Conclave.Domain.Calls;

/// <summary>Where a one-to-one call is in its life: it rings, is answered, and ends exactly once.</summary>
public enum CallState
{
    /// <summary>Placed; every device of the callee is ringing.</summary>
    Ringing,

    /// <summary>One callee device accepted; media flows between the caller's and that device.</summary>
    Connected,

    /// <summary>Over; <see cref="CallEndReason"/> says how.</summary>
    Ended,
}
