using System.ComponentModel.DataAnnotations;

namespace Conclave.Server.Identity;

/// <summary>Configuration section <c>Conclave:Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string Section = "Conclave:Accounts";

    /// <summary>NIST SP 800-63B §5.2.2 asks for a limit on failed attempts; 5 is ASP.NET Core Identity's own default.</summary>
    public const int DefaultMaxFailedAttempts = 5;

    /// <summary>Long enough to slow guessing by hand, short enough that a locked-out person waits minutes, not hours.</summary>
    public static readonly TimeSpan DefaultLockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>NIST SP 800-63B §5.1.1.2: at least 8; 12 because there is no breached-password check yet.</summary>
    public const int DefaultMinimumPasswordLength = 12;

    /// <summary>ASP.NET Core Identity's PasswordHasherOptions default for PBKDF2-HMAC-SHA512 (V3 format).</summary>
    public const int DefaultPasswordHashIterations = 100_000;

    /// <summary>Administrators must sign in with a second factor. Default true.</summary>
    public bool MfaRequiredForAdministrators { get; set; } = true;

    /// <summary>Failed sign-ins before lockout. Default <see cref="DefaultMaxFailedAttempts"/>.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = DefaultMaxFailedAttempts;

    /// <summary>Default <see cref="DefaultLockoutDuration"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = DefaultLockoutDuration;

    /// <summary>Minimum password length. Default <see cref="DefaultMinimumPasswordLength"/>.</summary>
    [Range(8, 128)]
    public int MinimumPasswordLength { get; set; } = DefaultMinimumPasswordLength;

    /// <summary>
    /// PBKDF2 iterations of Identity's password hasher. The default is Identity's own (100,000);
    /// tests may lower it to stay fast.
    /// </summary>
    [Range(1000, 10_000_000)]
    public int PasswordHashIterations { get; set; } = DefaultPasswordHashIterations;
}
