namespace Conclave.Server.Policies;

/// <summary>Log lines of policies, event ids 7000-7099 (docs/observability.md).</summary>
internal static partial class PolicyLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Policy change {Action} by {ActorId}: {Users} users affected, everyone {Everyone}")]
    public static partial void Changed(ILogger logger, string action, string? actorId, int users, bool everyone);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Policy change refused ({Code})")]
    public static partial void Refused(ILogger logger, string code);
}
