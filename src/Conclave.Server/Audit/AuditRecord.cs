namespace Conclave.Server.Audit;

/// <summary>One row of the append-only audit log. Never updated or deleted (database triggers refuse both).</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    public DateTimeOffset Time { get; set; }

    public string? ActorId { get; set; }

    public string? ActorUpn { get; set; }

    public string Action { get; set; } = "";

    public string? Target { get; set; }

    public string? FromAddress { get; set; }

    public AuditOutcome Outcome { get; set; }

    /// <summary>JSON object; for changes it holds <c>before</c> and <c>after</c>.</summary>
    public string? Details { get; set; }

    public static AuditRecord From(AuditEntry entry, DateTimeOffset time) => new()
    {
        Time = time,
        ActorId = entry.ActorId,
        ActorUpn = entry.ActorUpn,
        Action = entry.Action,
        Target = entry.Target,
        FromAddress = entry.FromAddress,
        Outcome = entry.Outcome,
        Details = entry.Details?.ToJsonString(),
    };
}
