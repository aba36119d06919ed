using Conclave.Server.Directory;
using Conclave.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Identity;

/// <summary>
/// Identity's Entity Framework user store, with failed sign-ins counted in the database itself rather
/// than read, incremented and written back, and second-factor secrets protected at rest
/// (ConclaveUserStore.Secrets.cs).
/// </summary>
public sealed partial class ConclaveUserStore(ConclaveDbContext context, UserSecretProtector secrets, IdentityErrorDescriber? describer = null)
    : UserStore<ConclaveUser, IdentityRole, ConclaveDbContext>(context, describer)
{
    /// <summary>
    /// Counts one failed sign-in of <paramref name="user"/>; the failure that reaches
    /// <paramref name="maxFailedAttempts"/> locks the account until <paramref name="lockoutEnd"/> and
    /// starts the count again, as Identity's own lockout does.
    /// </summary>
    /// <remarks>
    /// One UPDATE whose SET clauses all read the row as it was before the statement (SQL's rule on
    /// SQLite and PostgreSQL alike), so concurrent failures serialise on the row and none is lost.
    /// Identity's way (increment the loaded user, then save the whole row under its concurrency stamp)
    /// loses every concurrent failure but one: the others fail on the stamp and were ignored. The stamp
    /// is left as it is: a counter is no edit of the account, and a person's own concurrent change (a
    /// new password, say) should not fail because someone else mistyped it. The loaded
    /// <paramref name="user"/> is then given the stored values, unchanged for the change tracker.
    /// </remarks>
    public async Task RecordAccessFailureAsync(ConclaveUser user, int maxFailedAttempts, DateTimeOffset lockoutEnd, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await Context.Users
            .Where(u => u.Id == user.Id && u.LockoutEnabled)
            .ExecuteUpdateAsync(
                s => s
                    .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1 >= maxFailedAttempts ? 0 : u.AccessFailedCount + 1)
                    .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= maxFailedAttempts ? lockoutEnd : u.LockoutEnd),
                cancellationToken);

        var stored = await Context.Users.AsNoTracking()
            .Where(u => u.Id == user.Id)
            .Select(u => new { u.AccessFailedCount, u.LockoutEnd })
            .SingleAsync(cancellationToken);
        var entry = Context.Entry(user);
        Refresh(entry.Property(u => u.AccessFailedCount), stored.AccessFailedCount);
        Refresh(entry.Property(u => u.LockoutEnd), stored.LockoutEnd);
    }

    private static void Refresh<T>(Microsoft.EntityFrameworkCore.ChangeTracking.PropertyEntry<ConclaveUser, T> property, T value)
    {
        property.CurrentValue = value;
        property.OriginalValue = value;
        property.IsModified = false;
    }
}
