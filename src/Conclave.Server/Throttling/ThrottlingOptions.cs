using System.ComponentModel.DataAnnotations;

namespace Conclave.Server.Throttling;

/// <summary>Configuration section <c>Conclave:Throttling</c>: limits on sign-in and token requests per window.</summary>
public sealed class ThrottlingOptions
{
    public const string Section = "Conclave:Throttling";

    /// <summary>Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests per window from one address. Default 30.</summary>
    [Range(1, 100_000)]
    public int PermitsPerAddress { get; set; } = 30;

    /// <summary>Requests per window from one /24 (IPv4) or /64 (IPv6). Default 120.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerSubnet { get; set; } = 120;

    /// <summary>Requests per window naming one account. Default 10.</summary>
    [Range(1, 100_000)]
    public int PermitsPerAccount { get; set; } = 10;
}
