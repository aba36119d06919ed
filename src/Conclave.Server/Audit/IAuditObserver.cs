namespace Conclave.Server.Audit;

/// <summary>
/// Told of every audit record once it is committed (on its own, or with its change by
/// <see cref="AuditedTransaction"/>): features count and log their changes here without the audit log
/// knowing them. Called on the writer's thread; must not block or throw.
/// </summary>
public interface IAuditObserver
{
    void Recorded(AuditEntry entry);
}
