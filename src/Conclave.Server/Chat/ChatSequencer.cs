using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Chat;

/// <summary>
/// Takes a chat's next sequence inside the caller's open transaction. The increment is one UPDATE and must be the
/// transaction's first write: on PostgreSQL it takes the chat row's lock, on SQLite the transaction already holds the
/// database's write lock (BEGIN IMMEDIATE), and either is held until the commit. So writers of one chat queue, each
/// reads the sequence its own UPDATE made, and they commit in sequence order: no gaps and no reordering, whatever the
/// concurrency, and a rolled-back change gives its number back.
/// </summary>
public static class ChatSequencer
{
    /// <summary>The chat's next sequence, or null when the chat does not exist.</summary>
    public static async Task<long?> NextAsync(ConclaveDbContext db, Guid chatId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updated = await db.Chats
            .Where(c => c.Id == chatId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSequence, c => c.LastSequence + 1).SetProperty(c => c.LastChangedAt, now), cancellationToken);
        if (updated == 0)
        {
            return null;
        }

        return await db.Chats.Where(c => c.Id == chatId).Select(c => c.LastSequence).SingleAsync(cancellationToken);
    }
}
