namespace Conclave.Server.Throttling;

/// <summary>Log lines of sign-in throttling, event ids 3000-3099 (docs/observability.md).</summary>
internal static partial class ThrottlingLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Throttled a request to {Path}")]
    public static partial void Throttled(ILogger logger, string path);
}
