using System.Security.Cryptography;
using System.Text;
using Conclave.Server.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Identity;

/// <summary>
/// How a person's second-factor secrets are stored in Identity's <c>AspNetUserTokens</c>: the
/// authenticator key encrypted with the data-protection key ring, the recovery codes as SHA-256 hashes.
/// </summary>
/// <remarks>
/// The authenticator key must be read back (to compute TOTP codes), so it is encrypted, under a purpose
/// of its own: stored as <c>dp1:</c> and the protected payload. Recovery codes need only be recognised,
/// so only their hashes are kept (<c>sha256:</c> and Base64, one per code, <c>;</c>-separated as
/// Identity keeps them); a plain SHA-256 is enough because the codes are random with at least 80 bits
/// (<see cref="ClockedUserManager"/>), beyond any guessing of a fast hash. Values of older databases,
/// stored in clear, are converted once at start (<see cref="ProtectClearValuesAsync"/>); afterwards a
/// value without its prefix is not accepted. Losing the key ring (the data folder's
/// <c>dataprotection-keys</c>) loses every enrolled authenticator, as it loses the sessions.
/// </remarks>
public sealed partial class UserSecretProtector(IDataProtectionProvider dataProtection, ILogger<UserSecretProtector> logger)
{
    /// <summary>Identity's own names for these tokens (private constants of its <c>UserStoreBase</c>).</summary>
    public const string LoginProvider = "[AspNetUserStore]";
    public const string AuthenticatorKeyName = "AuthenticatorKey";
    public const string RecoveryCodesName = "RecoveryCodes";

    private const string ProtectedKeyPrefix = "dp1:";
    private const string HashedCodePrefix = "sha256:";
    private const char CodeSeparator = ';';

    private readonly IDataProtector _keys = dataProtection.CreateProtector("Conclave.Identity.AuthenticatorKey.v1");

    /// <summary>The stored form of an authenticator key.</summary>
    public string ProtectKey(string key) => ProtectedKeyPrefix + _keys.Protect(key);

    /// <summary>The authenticator key from its stored form; null if none, not protected, or not readable with this key ring.</summary>
    public string? UnprotectKey(string? stored)
    {
        if (stored is null || !stored.StartsWith(ProtectedKeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return _keys.Unprotect(stored[ProtectedKeyPrefix.Length..]);
        }
        catch (CryptographicException)
        {
            IdentityLog.KeyUnreadable(logger);
            return null;
        }
    }

    /// <summary>The stored form of a set of recovery codes.</summary>
    public static string HashCodes(IEnumerable<string> codes) => string.Join(CodeSeparator, codes.Select(HashCode));

    /// <summary>
    /// Looks <paramref name="code"/> up among the stored hashes, comparing each in constant time; on a
    /// match, <paramref name="remaining"/> is the stored form without it.
    /// </summary>
    public static bool TryRedeem(string? stored, string code, out string remaining)
    {
        remaining = stored ?? "";
        if (string.IsNullOrEmpty(stored))
        {
            return false;
        }

        var entries = stored.Split(CodeSeparator);
        Span<byte> given = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> candidate = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(code), given);
        var match = -1;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].StartsWith(HashedCodePrefix, StringComparison.Ordinal)
                && Convert.TryFromBase64String(entries[i][HashedCodePrefix.Length..], candidate, out var written)
                && written == candidate.Length
                && CryptographicOperations.FixedTimeEquals(given, candidate)
                && match < 0)
            {
                match = i;
            }
        }

        if (match < 0)
        {
            return false;
        }

        remaining = string.Join(CodeSeparator, entries.Where((_, i) => i != match));
        return true;
    }

    /// <summary>
    /// Converts authenticator keys and recovery codes that an older version stored in clear; run at
    /// every start, it changes nothing once done.
    /// </summary>
    public async Task<int> ProtectClearValuesAsync(ConclaveDbContext db, CancellationToken cancellationToken)
    {
        var tokens = await db.UserTokens
            .Where(t => t.LoginProvider == LoginProvider && (t.Name == AuthenticatorKeyName || t.Name == RecoveryCodesName))
            .ToListAsync(cancellationToken);
        var converted = 0;
        foreach (var token in tokens.Where(t => !string.IsNullOrEmpty(t.Value)))
        {
            if (token.Name == AuthenticatorKeyName && !token.Value!.StartsWith(ProtectedKeyPrefix, StringComparison.Ordinal))
            {
                token.Value = ProtectKey(token.Value);
                converted++;
            }
            else if (token.Name == RecoveryCodesName && token.Value!.Split(CodeSeparator).Any(c => !c.StartsWith(HashedCodePrefix, StringComparison.Ordinal)))
            {
                token.Value = string.Join(CodeSeparator, token.Value.Split(CodeSeparator).Select(c => c.StartsWith(HashedCodePrefix, StringComparison.Ordinal) ? c : HashCode(c)));
                converted++;
            }
        }

        if (converted > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            IdentityLog.SecretsProtected(logger, converted);
        }

        return converted;
    }

    private static string HashCode(string code) => HashedCodePrefix + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
