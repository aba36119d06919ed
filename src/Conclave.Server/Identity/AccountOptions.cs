using System.ComponentModel.DataAnnotations;

namespace Conclave.Server.Identity;

/// <summary>Configuration section <c>Conclave:Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string Section = "Conclave:Accounts";

    /// <summary>Administrators must sign in with a second factor. Default true.</summary>
    public bool MfaRequiredForAdministrators { get; set; } = true;

    /// <summary>Failed sign-ins before lockout. Default 5.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>Default 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Minimum password length. Default 12.</summary>
    [Range(8, 128)]
    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>
    /// PBKDF2 iterations of Identity's password hasher. The default is Identity's own (100,000);
    /// tests may lower it to stay fast.
    /// </summary>
    [Range(1000, 10_000_000)]
    public int PasswordHashIterations { get; set; } = 100_000;
}
