namespace Conclave.Server.Audit;

/// <summary>
/// The append-only audit log every feature writes to (sign-ins, admin changes, policies, keys, calls).
/// Each record is committed on its own, independent of the caller's unit of work.
/// </summary>
public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);
}
