using Conclave.Domain.Common;
using Conclave.Domain.Policies;
using Conclave.Server.Audit;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Policies;

/// <summary>
/// The server's one <see cref="PolicyDirectory"/>, loaded from the store on first use. Changes are
/// serialised: each runs against the directory, is saved with its audit record in one transaction,
/// and only then answered; if saving fails the in-memory directory is dropped and reloaded on next
/// use, so memory never runs ahead of the store.
/// </summary>
public sealed class PolicyService(IServiceScopeFactory scopes, TimeProvider time, PolicyTelemetry? telemetry = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile PolicyDirectory? _directory;

    /// <summary>Raised after each saved change, for live fan-out. Handlers run inside the change lock: they must only hand work off.</summary>
    public event EventHandler<PolicyChangedEventArgs>? Changed;

    public async Task<PolicyDirectory> DirectoryAsync(CancellationToken cancellationToken)
    {
        if (_directory is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _directory ??= await LoadAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A change the server makes with no actor (set-up, tests), recorded as <see cref="PolicyAudit.BySystem"/>.</summary>
    public Task<Result<PolicyChange>> ChangeAsync(Func<PolicyDirectory, Result<PolicyChange>> change, CancellationToken cancellationToken) =>
        ChangeAsync(change, PolicyAudit.BySystem, cancellationToken);

    /// <summary>
    /// Applies one change and saves it together with the audit record <paramref name="audit"/> builds
    /// from it (one transaction: both or neither); a refused change is returned untouched and saves nothing.
    /// </summary>
    public async Task<Result<PolicyChange>> ChangeAsync(
        Func<PolicyDirectory, Result<PolicyChange>> change, Func<PolicyChange, AuditEntry> audit, CancellationToken cancellationToken)
    {
        using var activity = telemetry?.StartChange();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var directory = _directory ??= await LoadAsync(cancellationToken);
            var result = change(directory);
            if (!result.IsSuccess)
            {
                telemetry?.Refused(activity, result.Error.Code);
                return result;
            }

            var saved = false;
            AuditEntry record;
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<ConclaveDbContext>();
                record = audit(result.Value);
                await new EfPolicyStore(db).SaveAsync(result.Value, directory, record, cancellationToken);
                saved = true;
            }
            finally
            {
                if (!saved)
                {
                    _directory = null;
                }
            }

            var c = result.Value;
            var named = c.User is not null || c.Group is not null;
            var affected = new PolicyChangedEventArgs(c, named ? [.. directory.UsersAffectedBy(c).Select(PolicyIds.User)] : [], everyone: !named);
            telemetry?.Changed(activity, record, affected.UserIds.Count, !named);
            Changed?.Invoke(this, affected);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Reads the user's direct group memberships from the directory tables into the policy
    /// directory, so an answer reflects membership changes made through the group endpoints.
    /// </summary>
    public async Task<PolicyDirectory> WithFreshGroupsAsync(Guid user, CancellationToken cancellationToken)
    {
        var directory = await DirectoryAsync(cancellationToken);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConclaveDbContext>();
        var id = PolicyIds.User(user);
        var groups = await db.GroupMemberships.AsNoTracking().Where(m => m.UserId == id).Select(m => m.GroupId).ToListAsync(cancellationToken);
        directory.SetUserGroups(user, groups.Select(g => PolicyIds.TryGroup(g, out var guid) ? guid : (Guid?)null).OfType<Guid>());
        return directory;
    }

    /// <summary>
    /// To be called after a user's group memberships change (group member endpoints, directory
    /// sync): re-reads them and tells subscribers, since a group assignment may now apply.
    /// </summary>
    public async Task MembershipChangedAsync(string userId, CancellationToken cancellationToken)
    {
        if (!PolicyIds.TryUser(userId, out var user))
        {
            return;
        }

        await WithFreshGroupsAsync(user, cancellationToken);
        Changed?.Invoke(this, new PolicyChangedEventArgs(null, [userId], everyone: false));
    }

    /// <summary>
    /// To be called after a user is deleted: the store dropped their grants and settings with them
    /// (cascading foreign keys), so the in-memory directory is read again on next use instead of
    /// keeping entries for an account that no longer exists.
    /// </summary>
    public async Task UserRemovedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _directory = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<PolicyDirectory> LoadAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConclaveDbContext>();
        var state = await new EfPolicyStore(db).LoadAsync(cancellationToken);
        var loaded = PolicyDirectory.Load(state, time);
        return loaded.IsSuccess
            ? loaded.Value
            : throw new InvalidOperationException($"The stored policies cannot be loaded: {loaded.Error}");
    }
}
