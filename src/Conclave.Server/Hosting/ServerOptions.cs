using System.ComponentModel.DataAnnotations;

namespace Conclave.Server.Hosting;

/// <summary>Configuration section <c>Conclave:Server</c>.</summary>
public sealed class ServerOptions
{
    public const string Section = "Conclave:Server";

    /// <summary>Default listening address: loopback only until an operator opens it.</summary>
    public const string DefaultUrls = "https://127.0.0.1:8443";

    /// <summary>1 MiB: generous for JSON admin calls and token requests, small against floods.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Relative to the working directory, so a first run from a checkout keeps its state beside it.</summary>
    public const string DefaultDataPath = "data";

    /// <summary>The data folder (database, TLS certificate, token keys). Default <see cref="DefaultDataPath"/>; <c>--data DIR</c>.</summary>
    [Required]
    public string DataPath { get; set; } = DefaultDataPath;

    /// <summary>A PKCS#12 certificate to use instead of the generated self-signed one.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Bytes; requests with larger bodies get 413.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>Read once at first start for unattended installs (<c>--bootstrap-admin-password-file</c>).</summary>
    public string? BootstrapAdminPasswordFile { get; set; }
}
