using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace Conclave.Protocols.Dtls;

/// <summary>
/// A self-signed ECDSA P-256 certificate and its private key, made fresh for each call. WebRTC
/// identifies the peer by the certificate's fingerprint in SDP, not by a CA (RFC 8827 §6.5), so
/// nothing in the certificate but its key matters to the peer.
/// </summary>
public sealed class DtlsCertificate : IDisposable
{
    /// <summary>Validity of a generated certificate: 30 days, the lifetime browsers give theirs.</summary>
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(30);

    private readonly byte[] _der;
    private readonly byte[] _pkcs8PrivateKey;
    private AsymmetricKeyParameter? _privateKey;

    private DtlsCertificate(byte[] der, byte[] pkcs8PrivateKey)
    {
        _der = der;
        _pkcs8PrivateKey = pkcs8PrivateKey;
        Fingerprint = DtlsFingerprint.OfCertificate(der);
    }

    /// <summary>SHA-256 fingerprint of the DER certificate, for <c>a=fingerprint</c> and the security code.</summary>
    public DtlsFingerprint Fingerprint { get; }

    /// <summary>The DER-encoded certificate.</summary>
    public ReadOnlySpan<byte> Der => _der;

    /// <summary>Generates a new key pair and certificate valid from one day ago (clock skew) for <see cref="DefaultValidity"/>.</summary>
    public static DtlsCertificate Generate(TimeProvider? timeProvider = null)
    {
        DateTimeOffset now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=conclave", key, HashAlgorithmName.SHA256);

        // A random positive serial number, so two certificates never share one.
        Span<byte> serial = stackalloc byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;

        using X509Certificate2 certificate = request.Create(
            request.SubjectName,
            X509SignatureGenerator.CreateForECDsa(key),
            now.AddDays(-1),
            now.Add(DefaultValidity),
            serial);
        return new DtlsCertificate(certificate.RawData, key.ExportPkcs8PrivateKey());
    }

    /// <summary>Loads a certificate and its ECDSA P-256 key from PEM text (a CERTIFICATE and a PKCS#8 or EC PRIVATE KEY block).</summary>
    public static DtlsCertificate FromPem(string certificatePem, string privateKeyPem)
    {
        using X509Certificate2 certificate = X509Certificate2.CreateFromPem(certificatePem);
        using var key = ECDsa.Create();
        key.ImportFromPem(privateKeyPem);
        if (key.KeySize != 256)
        {
            throw new ArgumentException("Only ECDSA P-256 keys are supported.", nameof(privateKeyPem));
        }

        return new DtlsCertificate(certificate.RawData, key.ExportPkcs8PrivateKey());
    }

    /// <summary>The certificate as PEM, for tools such as <c>openssl</c>.</summary>
    public string CertificatePem() => PemEncoding.WriteString("CERTIFICATE", _der);

    /// <summary>The private key as PKCS#8 PEM. Handle with care: it is the call's identity.</summary>
    public string PrivateKeyPem() => PemEncoding.WriteString("PRIVATE KEY", _pkcs8PrivateKey);

    internal AsymmetricKeyParameter PrivateKey =>
        _privateKey ??= PrivateKeyFactory.CreateKey(_pkcs8PrivateKey);

    internal byte[] DerArray => _der;

    /// <summary>Wipes the private key bytes held by this object.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(_pkcs8PrivateKey);
}
