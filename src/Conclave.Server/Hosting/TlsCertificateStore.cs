using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Conclave.Server.Hosting;

/// <summary>
/// The server's TLS certificate: an operator-supplied PKCS#12 file, or a self-signed ECDSA P-256
/// certificate generated at first start and kept in the data folder (clients pin its SHA-256 fingerprint).
/// </summary>
public static class TlsCertificateStore
{
    public const string FileName = "tls.pfx";

    /// <summary>Self-signed lifetime: long enough that pinned fingerprints stay stable for a while.</summary>
    private static readonly TimeSpan SelfSignedLifetime = TimeSpan.FromDays(825);

    public static X509Certificate2 LoadOrCreate(ServerOptions options, string dataPath, TimeProvider time, out bool created)
    {
        created = false;
        if (!string.IsNullOrEmpty(options.CertificatePath))
        {
            return Load(options.CertificatePath, options.CertificatePassword);
        }

        var path = Path.Combine(dataPath, FileName);
        if (File.Exists(path))
        {
            return Load(path, null);
        }

        var certificate = CreateSelfSigned(time);
        DataFolder.WriteSecretFile(path, certificate.Export(X509ContentType.Pkcs12));
        created = true;
        return certificate;
    }

    /// <summary>The SHA-256 fingerprint as colon-separated upper-case hex, the form clients show and pin.</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + ":" + b);

    private static X509Certificate2 Load(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey)
            {
                throw new StartupException($"The TLS certificate at '{path}' has no private key.");
            }

            return certificate;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Cannot read the TLS certificate at '{path}': {e.Message}", e);
        }
    }

    private static X509Certificate2 CreateSelfSigned(TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Conclave", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName(Environment.MachineName.ToLowerInvariant());
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(SelfSignedLifetime));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
