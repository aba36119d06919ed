namespace Conclave.Server.Dlp;

/// <summary>Log lines of data-loss prevention, event ids 8100-8199 (docs/observability.md). Never content, never a matched value.</summary>
internal static partial class DlpLog
{
    [LoggerMessage(EventId = 8100, Level = LogLevel.Error, Message = "Stored DLP rule {Rule} no longer compiles ({Code}); it is not evaluated until it is changed")]
    public static partial void RuleSkipped(ILogger logger, string rule, string code);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Error, Message = "Stored custom sensitive information type {Type} no longer compiles ({Code}); rules naming it are not evaluated")]
    public static partial void TypeSkipped(ILogger logger, string type, string code);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "DLP {Action} in {Container} by {SenderId}: {Policies} policies matched (the audit record names them)")]
    public static partial void Matched(ILogger logger, Domain.Dlp.DlpAction action, Guid container, string senderId, int policies);
}
