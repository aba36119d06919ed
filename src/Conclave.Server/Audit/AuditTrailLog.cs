namespace Conclave.Server.Audit;

/// <summary>Log lines of the audit trail, event ids 2200-2299 (docs/observability.md). The action, outcome and actor id; the record's details stay in the store.</summary>
internal static partial class AuditTrailLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Debug, Message = "Audit record {Action} ({Outcome}) by {ActorId}")]
    public static partial void Recorded(ILogger logger, string action, AuditOutcome outcome, string? actorId);
}
