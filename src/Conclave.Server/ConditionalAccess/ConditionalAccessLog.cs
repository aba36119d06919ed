namespace Conclave.Server.ConditionalAccess;

/// <summary>Log lines of conditional access, event ids 8300-8399 (docs/observability.md). Never a token; user and device ids only.</summary>
internal static partial class ConditionalAccessLog
{
    [LoggerMessage(EventId = 8300, Level = LogLevel.Error, Message = "Stored named location {Location} no longer parses ({Code}); policies naming it do not match it until it is changed")]
    public static partial void LocationSkipped(ILogger logger, string location, string code);

    [LoggerMessage(EventId = 8301, Level = LogLevel.Information, Message = "Conditional access refused {Application} to {UserId} ({Code}); the audit record names the policies")]
    public static partial void Refused(ILogger logger, Domain.ConditionalAccess.AccessApplications application, string userId, string code);

    [LoggerMessage(EventId = 8302, Level = LogLevel.Information, Message = "Conditional access report-only policies would have refused {Application} to {UserId} ({Count} policies)")]
    public static partial void ReportOnly(ILogger logger, Domain.ConditionalAccess.AccessApplications application, string userId, int count);

}
