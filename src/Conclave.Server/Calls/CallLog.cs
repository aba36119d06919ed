using Conclave.Domain.Calls;

namespace Conclave.Server.Calls;

/// <summary>
/// Log lines of calls and their signaling, event ids 4000-4099 (docs/observability.md). Ids only: user and
/// device ids, call ids, codes. No UPN, no SDP, no fingerprint, no TURN credential.
/// </summary>
internal static partial class CallLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Call {CallId} placed by user {CallerId} ({Mode}), {State}")]
    public static partial void Placed(ILogger logger, Guid callId, string callerId, string mode, CallState state);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Call {CallId} answered by user {CalleeId} ({Mode}) after {RingSeconds} s")]
    public static partial void Answered(ILogger logger, Guid callId, string calleeId, string mode, double ringSeconds);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Call {CallId} ended ({Reason}), missed {Missed}")]
    public static partial void Ended(ILogger logger, Guid callId, CallEndReason reason, bool missed);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "A call by user {CallerId} was refused ({Code})")]
    public static partial void Refused(ILogger logger, string callerId, string code);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Call {CallId}: {Feature} refused to user {UserId} ({Code})")]
    public static partial void FeatureRefused(ILogger logger, Guid callId, CallFeature feature, string userId, string code);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Call {CallId}: media leg of device {DeviceId} connected ({Connected} of 2)")]
    public static partial void MediaLegConnected(ILogger logger, Guid callId, string deviceId, int connected);
}
