using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Teams;

/// <summary>
/// Serializes a team's writers: one UPDATE of its version as the transaction's first write (on PostgreSQL the team
/// row's lock, on SQLite the database's write lock is already held), held until the commit. Checks made after it
/// (roles, the last owner, channel names) cannot be overtaken by a concurrent change of the same team. A team change
/// then takes its channels' chat sequences, always after the team's lock, so no two writers wait on each other in
/// opposite orders.
/// </summary>
public static class TeamLock
{
    /// <summary>True when the team exists (and is now locked by the caller's transaction).</summary>
    public static async Task<bool> TakeAsync(ConclaveDbContext db, Guid teamId, CancellationToken cancellationToken) =>
        await db.Teams.Where(t => t.Id == teamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Version, t => t.Version + 1), cancellationToken) > 0;
}
