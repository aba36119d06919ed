namespace Conclave.Server.Sessions;

/// <summary>Log lines of sessions, event ids 1100-1199 (docs/observability.md). Subjects and codes, never a token.</summary>
internal static partial class SessionLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Aborted a request in flight whose session ended ({Code})")]
    public static partial void RequestAborted(ILogger logger, string code);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Ended the sessions of {Subject} ({Reason}): {Tokens} tokens revoked, {Requests} requests aborted")]
    public static partial void SessionsEnded(ILogger logger, string subject, string reason, long tokens, int requests);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Revoking a session of {Subject}: {Authorizations} authorizations and their tokens")]
    public static partial void SessionRevoking(ILogger logger, string subject, int authorizations);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Revoked {Authorizations} authorizations of {Subject}: {Requests} requests aborted")]
    public static partial void SessionRevoked(ILogger logger, string subject, int authorizations, int requests);
}
