namespace Conclave.Server.Auth;

/// <summary>
/// Log lines of the token endpoint, event ids 1200-1299 (docs/observability.md). The grant type, the
/// client id and codes: never a password, code, client secret, or token.
/// </summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Tokens issued to client {ClientId} ({GrantType})")]
    public static partial void TokensIssued(ILogger logger, string? clientId, string grantType);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Token request of client {ClientId} ({GrantType}) refused: {Error} {Code}")]
    public static partial void TokenRefused(ILogger logger, string? clientId, string grantType, string error, string? code);
}
