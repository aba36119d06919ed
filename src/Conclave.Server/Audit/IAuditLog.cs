using Conclave.Server.Storage;

namespace Conclave.Server.Audit;

/// <summary>
/// The append-only audit log every feature writes to (sign-ins, admin changes, policies, keys, calls).
/// A change and its record commit together (<see cref="Stage"/>, <see cref="AuditedTransaction"/>);
/// an event that changes nothing (a sign-in attempt, a refusal, a call) is recorded on its own
/// (<see cref="RecordAsync"/>).
/// </summary>
public interface IAuditLog
{
    /// <summary>Commits one record on its own, independent of any caller's unit of work: for events, not changes.</summary>
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a record to <paramref name="unitOfWork"/>: it is written by that context's next
    /// <c>SaveChanges</c>, inside whatever transaction that runs in, so it commits with the change or not at all.
    /// </summary>
    void Stage(ConclaveDbContext unitOfWork, AuditEntry entry);

    /// <summary>Called by <see cref="AuditedTransaction"/> once a staged record has committed; tells the <see cref="IAuditObserver"/>s.</summary>
    void Committed(AuditEntry entry)
    {
    }
}
