using System.Security.Cryptography.X509Certificates;

namespace Conclave.Server.Relay;

/// <summary>Loads the TLS listener's certificate (PKCS#12 with its private key).</summary>
internal static class RelayCertificate
{
    public static X509Certificate2 Load(RelayOptions options)
    {
        if (options.TlsCertificate is not null)
        {
            return options.TlsCertificate;
        }

        if (string.IsNullOrEmpty(options.TlsCertificatePath))
        {
            throw new InvalidOperationException("Conclave:Relay:TlsPort is set but Conclave:Relay:TlsCertificatePath is not.");
        }

        return X509CertificateLoader.LoadPkcs12FromFile(options.TlsCertificatePath, options.TlsCertificatePassword);
    }
}
