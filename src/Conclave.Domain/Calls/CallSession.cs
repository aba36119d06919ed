using Conclave.Domain.Common;

namespace Conclave.Domain.Calls;

/// <summary>
/// One one-to-one call's lifecycle, pure: Ringing → Connected → Ended, or Ringing → Ended
/// (declined, cancelled, busy, no answer). Every transition is checked against the state and
/// the actor, and the first accepting device wins. Not thread-safe: the owner serialises calls.
/// </summary>
public sealed class CallSession
{
    /// <summary>How long a call rings before it ends as <see cref="CallEndReason.NoAnswer"/>: 30 s, as the issue asks.</summary>
    public static readonly TimeSpan DefaultRingTimeout = TimeSpan.FromSeconds(30);

    public CallSession(Guid id, string callerId, string callerDeviceId, string calleeId, E2eeDecision e2ee, DateTimeOffset placedAt, TimeSpan? ringTimeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(callerId);
        ArgumentException.ThrowIfNullOrEmpty(calleeId);
        ArgumentNullException.ThrowIfNull(e2ee);
        Id = id;
        CallerId = callerId;
        CallerDeviceId = callerDeviceId;
        CalleeId = calleeId;
        E2ee = e2ee;
        PlacedAt = placedAt;
        RingTimeout = ringTimeout ?? DefaultRingTimeout;
    }

    public Guid Id { get; }

    public string CallerId { get; }

    public string CallerDeviceId { get; }

    public string CalleeId { get; }

    /// <summary>The callee device that accepted, once connected.</summary>
    public string? CalleeDeviceId { get; private set; }

    /// <summary>The E2EE verdict: provisional while ringing, final for the device that accepted.</summary>
    public E2eeDecision E2ee { get; private set; }

    public CallState State { get; private set; } = CallState.Ringing;

    public CallEndReason EndReason { get; private set; } = CallEndReason.None;

    public DateTimeOffset PlacedAt { get; }

    public DateTimeOffset? ConnectedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public TimeSpan RingTimeout { get; }

    /// <summary>The callee never answered: the caller cancelled or nobody picked up.</summary>
    public bool IsMissed => EndReason is CallEndReason.Cancelled or CallEndReason.NoAnswer;

    public bool IsParty(string userId) => userId == CallerId || userId == CalleeId;

    public CallSide? SideOf(string userId) => userId == CallerId ? CallSide.Caller : userId == CalleeId ? CallSide.Callee : null;

    /// <summary>
    /// A callee device accepts; only the first one while ringing succeeds. <paramref name="e2ee"/> is the
    /// verdict for that device (its capability decides), replacing the provisional one.
    /// </summary>
    public Result<CallState> Accept(string userId, string deviceId, DateTimeOffset now, E2eeDecision? e2ee = null)
    {
        if (userId != CalleeId)
        {
            return CallErrors.NotParty();
        }

        if (State != CallState.Ringing)
        {
            return CallErrors.WrongState(State, "accepted");
        }

        CalleeDeviceId = deviceId;
        E2ee = e2ee ?? E2ee;
        ConnectedAt = now;
        State = CallState.Connected;
        return State;
    }

    /// <summary>The callee declines while it rings.</summary>
    public Result<CallState> Decline(string userId, DateTimeOffset now) =>
        userId != CalleeId ? CallErrors.NotParty() : EndRinging(CallEndReason.Declined, "declined", now);

    /// <summary>The caller gives up while it rings.</summary>
    public Result<CallState> Cancel(string userId, DateTimeOffset now) =>
        userId != CallerId ? CallErrors.NotParty() : EndRinging(CallEndReason.Cancelled, "cancelled", now);

    /// <summary>The callee is in another call: ends at once as busy.</summary>
    public Result<CallState> Busy(DateTimeOffset now) => EndRinging(CallEndReason.Busy, "busy", now);

    /// <summary>The ring timer fired; ends as no answer if the timeout has really passed.</summary>
    public Result<CallState> RingTimedOut(DateTimeOffset now) =>
        now - PlacedAt < RingTimeout ? CallErrors.WrongState(State, "timed out yet") : EndRinging(CallEndReason.NoAnswer, "timed out", now);

    /// <summary>Either party hangs up: a connected call ends; a ringing one is cancelled (caller) or declined (callee).</summary>
    public Result<CallState> HangUp(string userId, DateTimeOffset now)
    {
        if (!IsParty(userId))
        {
            return CallErrors.NotParty();
        }

        return State switch
        {
            CallState.Ringing => userId == CallerId ? Cancel(userId, now) : Decline(userId, now),
            CallState.Connected => End(CallEndReason.HungUp, now),
            _ => CallErrors.WrongState(State, "hung up"),
        };
    }

    private Result<CallState> EndRinging(CallEndReason reason, string action, DateTimeOffset now) =>
        State != CallState.Ringing ? CallErrors.WrongState(State, action) : End(reason, now);

    private Result<CallState> End(CallEndReason reason, DateTimeOffset now)
    {
        State = CallState.Ended;
        EndReason = reason;
        EndedAt = now;
        return State;
    }
}
