using System.ComponentModel.DataAnnotations;

namespace Conclave.Server.Directory;

/// <summary>Configuration section <c>Conclave:Tenant</c>.</summary>
public sealed class TenantOptions
{
    public const string Section = "Conclave:Tenant";

    /// <summary>RFC 6762 reserves <c>.local</c> for link-local names, so it can never clash with a real tenant's domain.</summary>
    public const string DefaultDomain = "conclave.local";

    /// <summary>The tenant's domain; UPNs end with it. Default <c>conclave.local</c>.</summary>
    [Required]
    public string Domain { get; set; } = DefaultDomain;
}
