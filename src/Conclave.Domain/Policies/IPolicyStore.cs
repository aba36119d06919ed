namespace Conclave.Domain.Policies;

/// <summary>
/// Where a tenant's <see cref="PolicyDirectory"/> is kept (one store per tenant). The server
/// implements it with EF Core: <see cref="LoadAsync"/> at start, <see cref="SaveAsync"/> after each
/// accepted change, with changes serialised so that the directory in
/// <see cref="SaveAsync"/> is the state right after the change. A store may write
/// only what the change touched, reading its current state from the directory (for example the
/// whole renumbered rank list of one type after a group grant).
/// </summary>
public interface IPolicyStore
{
    /// <summary>The stored state; an empty state for a tenant that has never changed a policy.</summary>
    Task<PolicyDirectoryState> LoadAsync(CancellationToken cancellationToken);

    Task SaveAsync(PolicyChange change, PolicyDirectory directory, CancellationToken cancellationToken);
}
