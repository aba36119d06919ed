using Conclave.Server.Storage;

namespace Conclave.Server.Audit;

/// <summary>Writes each record through a fresh store scope so that it never rides on (or is lost with) the caller's changes.</summary>
internal sealed class AuditLog(IServiceScopeFactory scopes, TimeProvider time) : IAuditLog
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConclaveDbContext>();
        db.AuditRecords.Add(new AuditRecord
        {
            Time = time.GetUtcNow(),
            ActorId = entry.ActorId,
            ActorUpn = entry.ActorUpn,
            Action = entry.Action,
            Target = entry.Target,
            FromAddress = entry.FromAddress,
            Outcome = entry.Outcome,
            Details = entry.Details?.ToJsonString(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
