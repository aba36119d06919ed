namespace Conclave.Server.Identity;

/// <summary>
/// Log lines of sign-in and of people's secrets, event ids 1000-1099 (docs/observability.md). User ids and
/// codes only: never a password, TOTP code or key, recovery code, or the name someone typed.
/// </summary>
internal static partial class IdentityLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "User {UserId} signed in via {Via}")]
    public static partial void SignedIn(ILogger logger, string userId, string via);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Sign-in refused ({Code}) via {Via}")]
    public static partial void SignInRefused(ILogger logger, string code, string via);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Password check of an account endpoint refused ({Code})")]
    public static partial void PasswordCheckRefused(ILogger logger, string code);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "An authenticator key cannot be decrypted with this data-protection key ring; that person cannot pass the second factor")]
    public static partial void KeyUnreadable(ILogger logger);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Protected {Count} authenticator keys or recovery-code sets stored in clear by an earlier version")]
    public static partial void SecretsProtected(ILogger logger, int count);
}
