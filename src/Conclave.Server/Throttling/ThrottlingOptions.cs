using System.ComponentModel.DataAnnotations;

namespace Conclave.Server.Throttling;

/// <summary>Configuration section <c>Conclave:Throttling</c>: limits on sign-in and token requests per window.</summary>
public sealed class ThrottlingOptions
{
    public const string Section = "Conclave:Throttling";

    /// <summary>A fixed window short enough that a person who mistypes a few times is not held up for long.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(1);

    /// <summary>One address: a few people behind one NAT signing in at once, not a guessing loop.</summary>
    public const int DefaultPermitsPerAddress = 30;

    /// <summary>A /24 or /64: four addresses' worth, so rotating addresses inside one network does not multiply the budget.</summary>
    public const int DefaultPermitsPerSubnet = 120;

    /// <summary>One account: twice the lockout threshold (AccountOptions.DefaultMaxFailedAttempts) per window, so guessing across addresses meets lockout first.</summary>
    public const int DefaultPermitsPerAccount = 10;

    /// <summary>Default <see cref="DefaultWindow"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = DefaultWindow;

    /// <summary>Requests per window from one address. Default <see cref="DefaultPermitsPerAddress"/>.</summary>
    [Range(1, 100_000)]
    public int PermitsPerAddress { get; set; } = DefaultPermitsPerAddress;

    /// <summary>Requests per window from one /24 (IPv4) or /64 (IPv6). Default <see cref="DefaultPermitsPerSubnet"/>.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerSubnet { get; set; } = DefaultPermitsPerSubnet;

    /// <summary>Requests per window naming one account. Default <see cref="DefaultPermitsPerAccount"/>.</summary>
    [Range(1, 100_000)]
    public int PermitsPerAccount { get; set; } = DefaultPermitsPerAccount;
}
