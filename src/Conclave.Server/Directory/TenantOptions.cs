using System.ComponentModel.DataAnnotations;

namespace Conclave.Server.Directory;

/// <summary>Configuration section <c>Conclave:Tenant</c>.</summary>
public sealed class TenantOptions
{
    public const string Section = "Conclave:Tenant";

    /// <summary>The tenant's domain; UPNs end with it. Default <c>conclave.local</c>.</summary>
    [Required]
    public string Domain { get; set; } = "conclave.local";
}
