using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Conclave.Protocols.Dtls;

/// <summary>The parts of the client and server that are the same: suites, credentials, the fingerprint check, the exporter.</summary>
internal static class DtlsPeerSupport
{
    /// <summary>
    /// ECDHE_ECDSA suites with AEAD only: the certificate is ECDSA P-256 (a server holding only an
    /// ECDSA key must not offer RSA suites), and these are the suites browsers prefer.
    /// </summary>
    public static readonly int[] CipherSuites =
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    public static TlsCredentialedSigner SignerCredentials(TlsContext context, BcTlsCrypto crypto, DtlsCertificate certificate)
    {
        var chain = new Certificate([crypto.CreateCertificate(certificate.DerArray)]);
        return new BcDefaultTlsCredentialedSigner(
            new TlsCryptoParameters(context),
            crypto,
            certificate.PrivateKey,
            chain,
            SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    /// <summary>
    /// RFC 8122 §5 / RFC 8827 §6.5: the peer's end-entity certificate must hash to the fingerprint it
    /// announced in SDP; there is no CA. BouncyCastle separately checks that the peer holds the key
    /// (ServerKeyExchange and CertificateVerify signatures).
    /// </summary>
    public static void CheckPeerCertificate(Certificate? chain, DtlsFingerprint expected, DtlsHandshakeOutcome outcome)
    {
        if (chain is null || chain.IsEmpty)
        {
            outcome.Fail(DtlsSrtpError.MissingPeerCertificate);
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }

        byte[] der = chain.GetCertificateAt(0).GetEncoded();
        if (!expected.Matches(der))
        {
            outcome.Fail(DtlsSrtpError.FingerprintMismatch);
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }

        outcome.RemoteFingerprint = DtlsFingerprint.OfCertificate(der);
    }

    /// <summary>RFC 5764 §4.2: keying material from the exporter with label "EXTRACTOR-dtls_srtp" and no context.</summary>
    public static DtlsSrtpKeys ExportKeys(TlsContext context, ushort profile)
    {
        byte[] material = context.ExportKeyingMaterial(
            ExporterLabel.dtls_srtp, null, DtlsSrtpProtectionProfiles.KeyingMaterialLength(profile));
        try
        {
            return DtlsSrtpKeys.FromKeyingMaterial(profile, material);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(material);
        }
    }

    public static void RecordAlert(DtlsHandshakeOutcome outcome, short level, short description)
    {
        if (description == AlertDescription.close_notify)
        {
            outcome.CloseNotifyReceived = true;
        }
        else if (level == AlertLevel.fatal)
        {
            outcome.AlertReceived = description;
        }
    }
}
