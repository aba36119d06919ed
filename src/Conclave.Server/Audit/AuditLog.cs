using Conclave.Server.Storage;

namespace Conclave.Server.Audit;

internal sealed class AuditLog(IServiceScopeFactory scopes, TimeProvider time, IEnumerable<IAuditObserver> observers, ILogger<AuditLog> logger) : IAuditLog
{
    private readonly IAuditObserver[] _observers = [.. observers];

    /// <summary>Writes through a fresh store scope, so that the record never rides on (or is lost with) the caller's changes.</summary>
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConclaveDbContext>();
        db.AuditRecords.Add(AuditRecord.From(entry, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        Committed(entry);
    }

    public void Stage(ConclaveDbContext unitOfWork, AuditEntry entry) =>
        unitOfWork.AuditRecords.Add(AuditRecord.From(entry, time.GetUtcNow()));

    public void Committed(AuditEntry entry)
    {
        AuditTrailLog.Recorded(logger, entry.Action, entry.Outcome, entry.ActorId);
        foreach (var observer in _observers)
        {
            observer.Recorded(entry);
        }
    }
}
