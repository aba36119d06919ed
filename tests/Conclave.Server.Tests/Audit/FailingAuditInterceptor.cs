using System.Collections.Concurrent;
using Conclave.Server.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Conclave.Server.Tests.Audit;

/// <summary>
/// Makes the store fail to write chosen audit records, as a full disk, a dropped connection or a
/// killed process would at that moment: any audit record whose target or details contain a doomed
/// marker (case-insensitive) makes its SaveChanges throw.
/// </summary>
public sealed class FailingAuditInterceptor : SaveChangesInterceptor
{
    private readonly ConcurrentDictionary<string, bool> _doomed = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>From now on, every audit record mentioning <paramref name="marker"/> fails to be written.</summary>
    public void Doom(string marker) => _doomed[marker] = true;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<AuditRecord>().Where(e => e.State == EntityState.Added))
        {
            var text = entry.Entity.Target + " " + entry.Entity.Details;
            if (_doomed.Keys.Any(marker => text.Contains(marker, StringComparison.OrdinalIgnoreCase)))
            {
                throw new IOException($"Simulated store failure writing the audit record of {entry.Entity.Action}.");
            }
        }
    }
}
