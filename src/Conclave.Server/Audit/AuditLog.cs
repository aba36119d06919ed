using Conclave.Server.Storage;

namespace Conclave.Server.Audit;

internal sealed class AuditLog(IServiceScopeFactory scopes, TimeProvider time) : IAuditLog
{
    /// <summary>Writes through a fresh store scope, so that the record never rides on (or is lost with) the caller's changes.</summary>
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConclaveDbContext>();
        db.AuditRecords.Add(AuditRecord.From(entry, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
    }

    public void Stage(ConclaveDbContext unitOfWork, AuditEntry entry) =>
        unitOfWork.AuditRecords.Add(AuditRecord.From(entry, time.GetUtcNow()));
}
