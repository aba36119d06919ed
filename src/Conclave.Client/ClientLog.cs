using Microsoft.Extensions.Logging;

namespace Conclave.Client;

/// <summary>
/// Log lines of the client SDK, event ids 9000-9099 (docs/observability.md). Grant types, call and device ids,
/// codes: never a password, TOTP or recovery code, token, TURN credential or SDP.
/// </summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Information, Message = "Signed in ({GrantType}); the access token expires in {ExpiresInSeconds} s")]
    public static partial void TokensIssued(ILogger logger, string grantType, int expiresInSeconds);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Token request ({GrantType}) refused with {Status}: {Error} {Code}")]
    public static partial void TokenRequestRefused(ILogger logger, string grantType, int status, string error, string? code);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Debug, Message = "Access token refreshed (forced {Forced})")]
    public static partial void TokensRefreshed(ILogger logger, bool forced);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "The session ended ({Error}); a new sign-in is needed")]
    public static partial void SessionEnded(ILogger logger, string error);

    [LoggerMessage(EventId = 9010, Level = LogLevel.Information, Message = "Device {DeviceId} registered, E2EE capable {E2eeCapable}")]
    public static partial void DeviceRegistered(ILogger logger, string? deviceId, bool e2eeCapable);

    [LoggerMessage(EventId = 9011, Level = LogLevel.Information, Message = "Call {CallId} placed, end-to-end encrypted {EndToEnd}")]
    public static partial void CallPlaced(ILogger logger, Guid? callId, bool? endToEnd);

    [LoggerMessage(EventId = 9012, Level = LogLevel.Information, Message = "Call refused ({Code})")]
    public static partial void CallRefused(ILogger logger, string code);

    [LoggerMessage(EventId = 9013, Level = LogLevel.Information, Message = "Call {CallId} ringing on this device")]
    public static partial void IncomingCall(ILogger logger, Guid callId);

    [LoggerMessage(EventId = 9014, Level = LogLevel.Information, Message = "Call {CallId} answered on this device")]
    public static partial void CallAnswered(ILogger logger, Guid callId);

    [LoggerMessage(EventId = 9015, Level = LogLevel.Information, Message = "Call {CallId} ended ({Reason}), missed {Missed}")]
    public static partial void CallEnded(ILogger logger, Guid callId, string reason, bool missed);

    [LoggerMessage(EventId = 9030, Level = LogLevel.Information, Message = "Chat {ChatId}: fetched events {From} to {Through} to catch up")]
    public static partial void ChatCaughtUp(ILogger logger, Guid chatId, long from, long through);

    [LoggerMessage(EventId = 9031, Level = LogLevel.Information, Message = "Chat {ChatId} no longer followed ({Code})")]
    public static partial void ChatForgotten(ILogger logger, Guid chatId, string code);

    [LoggerMessage(EventId = 9032, Level = LogLevel.Warning, Message = "Chat catch-up failed ({Reason}); trying again in {DelayMs} ms")]
    public static partial void ChatCatchUpFailed(ILogger logger, string reason, int delayMs);
}
