namespace Conclave.Server.Directory;

/// <summary>Log lines of the directory and its bootstrap, event ids 2000-2099 (docs/observability.md).</summary>
internal static partial class DirectoryLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "The tenant domain stays {Stored}; the configured {Configured} is ignored once created")]
    public static partial void TenantDomainKept(ILogger logger, string stored, string configured);
}
