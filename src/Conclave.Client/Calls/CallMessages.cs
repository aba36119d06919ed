namespace Conclave.Client.Calls;

// The call hub's messages (docs/api.md, "Call signaling"), as the server sends them.

/// <summary>A refusal: a stable code (<c>call.busy</c>, <c>E2eeActive</c>, <c>NotAvailable</c>, …) and human text.</summary>
public sealed record SignalError(string Code, string Message)
{
    /// <summary>For <c>call.rate_limited</c>: whole seconds until the server would allow the request.</summary>
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>One reason a call is not end-to-end encrypted; <paramref name="Side"/> is Caller, Callee or null (the call itself).</summary>
public sealed record E2eeReasonInfo(string Code, string? Side, string Message);

/// <summary>The server's E2EE verdict on a call, as both sides receive it.</summary>
public sealed record E2eeInfo(bool EndToEnd, bool Refused, IReadOnlyList<E2eeReasonInfo> Reasons, string Summary);

/// <summary>An ICE server as in RTCConfiguration: TURN entries carry short-lived TURN REST credentials.</summary>
public sealed record IceServerInfo(IReadOnlyList<string> Urls, string? Username, string? Credential);

/// <summary>The registered device; a refused registration carries <paramref name="Error"/> instead.</summary>
public sealed record DeviceInfo(string DeviceId, string UserId, string Upn, bool E2eeCapable, SignalError? Error = null);

/// <summary>The latest missed call from one caller; <paramref name="Count"/> counts all of his missed calls, this one included.</summary>
public sealed record MissedCallInfo(Guid CallId, string CallerUpn, DateTimeOffset At, string Reason, int Count = 1);

internal sealed record PlaceCallAnswer(Guid? CallId, SignalError? Error, E2eeInfo? E2ee, IReadOnlyList<IceServerInfo> IceServers);

internal sealed record AcceptAnswer(SignalError? Error, E2eeInfo? E2ee, IReadOnlyList<IceServerInfo> IceServers);

/// <summary>A call ringing on this device.</summary>
public sealed record IncomingCallMessage(Guid CallId, string CallerUpn, string CallerDisplayName, E2eeInfo E2ee, IReadOnlyList<IceServerInfo> IceServers);

internal sealed record CallAcceptedMessage(Guid CallId, string CalleeDeviceId, E2eeInfo E2ee);

internal sealed record CallEndedMessage(Guid CallId, string Reason, bool Missed);

internal sealed record DescriptionMessage(Guid CallId, string Type, string Sdp);

internal sealed record CandidateMessage(Guid CallId, string? Candidate);
