using System.Text.Json.Serialization;

namespace Conclave.Contracts.Calls;

// The call hub's messages (docs/api.md, "Call signaling"), as the server sends them and the clients read them.

/// <summary>
/// A refusal on the hub: a stable code from <see cref="Errors.ErrorCodes"/> (<c>call.busy</c>,
/// <c>call.e2ee_active</c>, …) and human text; for a domain error both are the ones its REST problem details carry.
/// </summary>
public sealed record SignalError(string Code, string Message)
{
    /// <summary>For <c>call.rate_limited</c>: whole seconds until the request would be allowed (as HTTP Retry-After); absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>One reason a call is not end-to-end encrypted; <paramref name="Side"/> is Caller, Callee or null (the call itself).</summary>
public sealed record E2eeReasonInfo(string Code, string? Side, string Message);

/// <summary>The server's E2EE verdict on a call, as both sides receive it.</summary>
public sealed record E2eeInfo(bool EndToEnd, bool Refused, IReadOnlyList<E2eeReasonInfo> Reasons, string Summary);

/// <summary>An RTCPeerConnection-style ICE server: TURN entries carry short-lived TURN REST credentials.</summary>
public sealed record IceServerInfo(IReadOnlyList<string> Urls, string? Username, string? Credential);

/// <summary>The registered device, or a refusal in <paramref name="Error"/> (then the other members are null).</summary>
public sealed record DeviceInfo(string? DeviceId, string? UserId, string? Upn, bool E2eeCapable, SignalError? Error = null);

/// <summary>The answer to <c>PlaceCall</c>: the call's id, or a refusal in <paramref name="Error"/>.</summary>
public sealed record PlaceCallAnswer(Guid? CallId, SignalError? Error, E2eeInfo? E2ee, IReadOnlyList<IceServerInfo> IceServers);

/// <summary>The answer to <c>Accept</c>: null <paramref name="Error"/> when the call was accepted.</summary>
public sealed record AcceptAnswer(SignalError? Error, E2eeInfo? E2ee, IReadOnlyList<IceServerInfo> IceServers);

/// <summary>A call ringing on this device.</summary>
public sealed record IncomingCallMessage(Guid CallId, string CallerUpn, string CallerDisplayName, E2eeInfo E2ee, IReadOnlyList<IceServerInfo> IceServers);

/// <summary>The callee accepted (sent to the caller's device and to the accepting device).</summary>
public sealed record CallAcceptedMessage(Guid CallId, string CalleeDeviceId, E2eeInfo E2ee);

/// <summary>The call is over for this device. <paramref name="Reason"/>: HungUp, Declined, Cancelled, Busy, NoAnswer, AnsweredElsewhere, E2eeRequired.</summary>
public sealed record CallEndedMessage(Guid CallId, string Reason, bool Missed);

/// <summary>An SDP offer or answer (<paramref name="Type"/> "offer" or "answer"), relayed as is.</summary>
public sealed record DescriptionMessage(Guid CallId, string Type, string Sdp);

/// <summary>A trickled ICE candidate (<c>candidate:…</c>), or null for end-of-candidates (RFC 8838 §4.4).</summary>
public sealed record CandidateMessage(Guid CallId, string? Candidate);

/// <summary>The latest missed call from one caller; <paramref name="Count"/> is how many of his calls were missed, this one included.</summary>
public sealed record MissedCallInfo(Guid CallId, string CallerUpn, DateTimeOffset At, string Reason, int Count = 1);
