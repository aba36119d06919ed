using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore.Storage;

namespace Conclave.Server.Audit;

/// <summary>
/// One audited change as one database transaction on the request's <see cref="ConclaveDbContext"/>
/// (which Identity's user store and OpenIddict's stores share): everything written through that
/// context after <see cref="BeginAsync"/>, and the audit record given to <see cref="CommitAsync"/>,
/// commit together or not at all. A request cut off or a process killed before the commit leaves
/// neither; disposed without <see cref="CommitAsync"/> (a refusal), it rolls back. While it is open,
/// do not call <see cref="IAuditLog.RecordAsync"/>: on SQLite that write waits for this transaction's
/// lock; <see cref="RollbackAsync"/> first.
/// </summary>
/// <example>
/// <code>
/// await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
/// var created = await users.CreateAsync(user, password);
/// if (!created.Succeeded) return Problems.Invalid(...);   // rolled back
/// await change.CommitAsync(new AuditEntry(...), cancellationToken);
/// </code>
/// </example>
public sealed class AuditedTransaction : IAsyncDisposable
{
    private readonly ConclaveDbContext _db;
    private readonly IAuditLog _audit;
    private readonly IDbContextTransaction _transaction;

    private AuditedTransaction(ConclaveDbContext db, IAuditLog audit, IDbContextTransaction transaction)
    {
        _db = db;
        _audit = audit;
        _transaction = transaction;
    }

    /// <summary>
    /// Begins the transaction. On SQLite it takes the write lock at once (<c>BEGIN IMMEDIATE</c>), after
    /// this process's other writers (<see cref="WriteTransaction"/>), so concurrent audited changes queue
    /// rather than fail on a lock upgrade or wait out the driver's busy retries.
    /// </summary>
    public static async Task<AuditedTransaction> BeginAsync(ConclaveDbContext db, IAuditLog audit, CancellationToken cancellationToken) =>
        new(db, audit, await WriteTransaction.BeginAsync(db, cancellationToken));

    /// <summary>Stages <paramref name="entry"/>, saves every pending change of the context and commits.</summary>
    public async Task CommitAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        _audit.Stage(_db, entry);
        await _db.SaveChangesAsync(cancellationToken);
        await _transaction.CommitAsync(cancellationToken);
        _audit.Committed(entry);
    }

    /// <summary>Ends the transaction without writing anything, e.g. before recording a refusal.</summary>
    public Task RollbackAsync(CancellationToken cancellationToken) => _transaction.RollbackAsync(cancellationToken);

    public ValueTask DisposeAsync() => _transaction.DisposeAsync();
}
