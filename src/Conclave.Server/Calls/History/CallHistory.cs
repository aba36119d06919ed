using Conclave.Contracts.Api;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Calls;

/// <summary>
/// The stored history of calls (<see cref="CallRecord"/>): written when a call ends, read by its two
/// parties (<c>GET /api/me/calls</c>, <c>conclave calls history</c>) and by the hub's GetMissedCalls.
/// Each operation runs in a fresh store scope, so it never rides on (or is lost with) a caller's changes.
/// </summary>
public sealed class CallHistory(IServiceScopeFactory scopes)
{
    /// <summary>Entries in a page when <c>take</c> is not given.</summary>
    public const int DefaultTake = 50;

    /// <summary>The largest page: a screenful of calls many times over, and a bounded query.</summary>
    public const int MaxTake = 200;

    public async Task RecordAsync(CallRecord record, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConclaveDbContext>();
        db.CallRecords.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The calls <paramref name="userId"/> placed or received, newest placed first, older than the call
    /// <paramref name="before"/> when given; with <paramref name="missedOnly"/> only the calls she missed.
    /// Null when <paramref name="before"/> is not a call of hers.
    /// </summary>
    public async Task<CallHistoryPage?> PageAsync(string userId, int take, Guid? before, bool missedOnly, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, MaxTake);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConclaveDbContext>();
        var query = missedOnly
            ? db.CallRecords.Where(r => r.CalleeId == userId && r.Missed)
            : db.CallRecords.Where(r => r.CallerId == userId || r.CalleeId == userId);
        if (before is { } cursorId)
        {
            var cursor = await db.CallRecords
                .Where(r => r.CallId == cursorId && (r.CallerId == userId || r.CalleeId == userId))
                .Select(r => new { r.PlacedAt, r.Id })
                .FirstOrDefaultAsync(cancellationToken);
            if (cursor is null)
            {
                return null;
            }

            query = query.Where(r => r.PlacedAt < cursor.PlacedAt || (r.PlacedAt == cursor.PlacedAt && r.Id < cursor.Id));
        }

        // One more than asked tells whether an older page exists.
        var records = await query.OrderByDescending(r => r.PlacedAt).ThenByDescending(r => r.Id).Take(take + 1).ToListAsync(cancellationToken);
        var page = records.Take(take).Select(r => EntryFor(r, userId)).ToList();
        return new CallHistoryPage(page, records.Count > take ? page[^1].CallId : null);
    }

    /// <summary>
    /// The missed calls of <paramref name="userId"/> as the hub's GetMissedCalls answers: the latest per caller
    /// with the count of that caller's missed calls, callers in the order of their latest, at most
    /// <see cref="MissedCallLog.Capacity"/> of them (<see cref="MissedCallLog"/> folds them).
    /// </summary>
    public async Task<IReadOnlyList<MissedCallInfo>> MissedCallsOfAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConclaveDbContext>();
        var callers = await db.CallRecords
            .Where(r => r.CalleeId == userId && r.Missed)
            .GroupBy(r => r.CallerId)
            .Select(g => new { Count = g.Count(), Latest = g.Max(r => r.Id) })
            .OrderByDescending(g => g.Latest)
            .Take(MissedCallLog.Capacity)
            .ToListAsync(cancellationToken);
        var ids = callers.Select(c => c.Latest).ToList();
        var latest = await db.CallRecords.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var log = new MissedCallLog();
        foreach (var caller in callers.OrderBy(c => c.Latest))
        {
            var record = latest[caller.Latest];
            log.Add(userId, new MissedCallInfo(record.CallId, record.CallerUpn, record.PlacedAt, record.EndReason, caller.Count));
        }

        return log.Of(userId);
    }

    private static CallHistoryEntry EntryFor(CallRecord r, string userId)
    {
        var outgoing = r.CallerId == userId;
        return new CallHistoryEntry(
            r.CallId,
            outgoing ? "Outgoing" : "Incoming",
            outgoing ? r.CalleeUpn : r.CallerUpn,
            r.PlacedAt,
            r.AnsweredAt,
            r.EndedAt,
            r.EndReason,
            r.EndToEnd ? "E2ee" : "Standard",
            Missed: r.Missed && !outgoing);
    }
}
