using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Conclave.Server.Hosting;

/// <summary>Kestrel listeners: HTTPS only, TLS 1.2 and 1.3, AEAD cipher suites only.</summary>
public static class TlsSetup
{
    /// <summary>TLS 1.3 suites (all AEAD) and the TLS 1.2 ECDHE suites with AES-GCM or ChaCha20-Poly1305 (RFC 7905).</summary>
    public static readonly TlsCipherSuite[] AeadSuites =
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    public static void Configure(KestrelServerOptions kestrel, IReadOnlyList<ListenAddress> addresses, X509Certificate2 certificate, long maxBodyBytes)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = maxBodyBytes;
        foreach (var address in addresses)
        {
            kestrel.Listen(address.Address, address.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    ClientCertificateMode = ClientCertificateMode.NoCertificate,
                    OnAuthenticate = (_, ssl) =>
                    {
                        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
                        {
                            ssl.CipherSuitesPolicy = new CipherSuitesPolicy(AeadSuites);
                        }
                    },
                });
            });
        }
    }
}
