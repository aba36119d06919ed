using Conclave.Domain.ConditionalAccess;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.ConditionalAccess;

/// <summary>
/// The organisation's conditional access policies and named locations, compiled, for every request path: read from
/// the database at most every <see cref="RefreshInterval"/> (so a change made on another server instance takes effect
/// within it) and at once after a change on this one (<see cref="Invalidate"/>). No query per request otherwise.
/// </summary>
public sealed class ConditionalAccessPolicySource(IServiceScopeFactory scopes, TimeProvider time, ILogger<ConditionalAccessPolicySource> logger) : IDisposable
{
    /// <summary>How stale another instance's view of a change may be.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _current;

    public async ValueTask<ConditionalAccessPolicySet> CurrentAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && time.GetUtcNow() < current.Expires)
        {
            return current.Set;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (current is not null && time.GetUtcNow() < current.Expires)
            {
                return current.Set;
            }

            await using var scope = scopes.CreateAsyncScope();
            var set = await LoadAsync(scope.ServiceProvider.GetRequiredService<ConclaveDbContext>(), logger, cancellationToken);
            _current = new Snapshot(set, time.GetUtcNow() + RefreshInterval);
            return set;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();

    /// <summary>After a change has committed: the next evaluation reads the policies again.</summary>
    public void Invalidate() => _current = null;

    /// <summary>The set as <paramref name="db"/> holds it (inside a transaction: with its uncommitted changes).</summary>
    public static async Task<ConditionalAccessPolicySet> LoadAsync(ConclaveDbContext db, ILogger? logger, CancellationToken cancellationToken)
    {
        var policies = await db.ConditionalAccessPolicies.AsNoTracking().OrderBy(p => p.Key).ToListAsync(cancellationToken);
        if (policies.Count == 0)
        {
            return ConditionalAccessPolicySet.Empty;
        }

        var locations = new List<NamedLocation>();
        foreach (var record in await db.NamedLocations.AsNoTracking().OrderBy(l => l.Key).ToListAsync(cancellationToken))
        {
            var location = NamedLocation.Create(record.Name, record.RangeTexts(), record.IsTrusted);
            if (location.IsSuccess)
            {
                locations.Add(location.Value);
            }
            else if (logger is not null)
            {
                ConditionalAccessLog.LocationSkipped(logger, record.Name, location.Error.Code);
            }
        }

        return new ConditionalAccessPolicySet(policies.Select(ConditionalAccessParameters.Compile), locations);
    }

    private sealed record Snapshot(ConditionalAccessPolicySet Set, DateTimeOffset Expires);
}
