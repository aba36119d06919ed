using System.Security.Cryptography;
using Conclave.Server.Directory;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Identity;

/// <summary>
/// Identity's user manager with lockout on the injected <see cref="TimeProvider"/> (Identity's own
/// lockout reads the system clock, which would leave lockout expiry untestable without waiting) and
/// failed sign-ins counted atomically.
/// </summary>
public sealed class ClockedUserManager(
    IUserStore<ConclaveUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<ConclaveUser> passwordHasher,
    IEnumerable<IUserValidator<ConclaveUser>> userValidators,
    IEnumerable<IPasswordValidator<ConclaveUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<ConclaveUser>> logger,
    TimeProvider time)
    : UserManager<ConclaveUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    private IUserLockoutStore<ConclaveUser> LockoutStore =>
        Store as IUserLockoutStore<ConclaveUser> ?? throw new NotSupportedException("The user store does not support lockout.");

    public override async Task<bool> IsLockedOutAsync(ConclaveUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken))
        {
            return false;
        }

        var end = await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken);
        return end >= time.GetUtcNow();
    }

    /// <summary>Identity's unambiguous recovery-code alphabet: no vowels, no 0/O, 1/I/L, 5/S.</summary>
    private const string RecoveryCodeAlphabet = "23456789BCDFGHJKMNPQRTVWXY";

    /// <summary>
    /// Recovery codes of four groups of five (20 symbols of 26: 94 bits) rather than Identity's 10
    /// symbols (47 bits): only their SHA-256 is stored (<see cref="UserSecretProtector"/>), and
    /// 47 bits of a fast hash fall to an offline search in hours; 94 do not.
    /// </summary>
    protected override string CreateTwoFactorRecoveryCode()
    {
        const int Groups = 4;
        const int GroupLength = 5;
        var symbols = RandomNumberGenerator.GetItems<char>(RecoveryCodeAlphabet, Groups * GroupLength);
        return string.Join('-', symbols.Chunk(GroupLength).Select(group => new string(group)));
    }

    /// <summary>
    /// Counts a failed sign-in in one database statement (<see cref="ConclaveUserStore.RecordAccessFailureAsync"/>)
    /// instead of Identity's read-modify-write of the whole user, which lost concurrent failures.
    /// </summary>
    public override async Task<IdentityResult> AccessFailedAsync(ConclaveUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var store = Store as ConclaveUserStore ?? throw new NotSupportedException("Failed sign-ins are counted by ConclaveUserStore.");
        await store.RecordAccessFailureAsync(
            user, Options.Lockout.MaxFailedAccessAttempts, time.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
        return IdentityResult.Success;
    }
}
