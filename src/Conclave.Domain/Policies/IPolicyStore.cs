namespace Conclave.Domain.Policies;

/// <summary>
/// Where a tenant's <see cref="PolicyDirectory"/> is kept. The server implements it with EF Core:
/// <see cref="LoadAsync"/> at start, <see cref="SaveAsync"/> after each accepted change (in the
/// same transaction as the change's audit record). <see cref="PolicyChange.After"/> carries the
/// touched entity's whole new state, so a store may write just that entity.
/// </summary>
public interface IPolicyStore
{
    /// <summary>The stored state, or null for a tenant that has never changed a policy.</summary>
    Task<PolicyDirectoryState?> LoadAsync(Guid tenantId, CancellationToken cancellationToken);

    Task SaveAsync(Guid tenantId, PolicyChange change, CancellationToken cancellationToken);
}
