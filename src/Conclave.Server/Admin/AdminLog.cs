namespace Conclave.Server.Admin;

/// <summary>Log lines of administration, event ids 2100-2199 (docs/observability.md). The action and the administrator's id; never a password or client secret.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Administrative change {Action} ({Outcome}) by {ActorId}")]
    public static partial void Changed(ILogger logger, string action, Audit.AuditOutcome outcome, string? actorId);
}
