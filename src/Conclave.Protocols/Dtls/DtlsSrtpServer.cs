using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Conclave.Protocols.Dtls;

/// <summary>
/// The DTLS 1.2 server side of DTLS-SRTP (RFC 5764 §4.1): requires a client certificate, checks it
/// against the announced fingerprint and picks the SRTP profile by Conclave's preference.
/// </summary>
internal sealed class DtlsSrtpServer : DefaultTlsServer
{
    private readonly BcTlsCrypto _crypto;
    private readonly DtlsCertificate _certificate;
    private readonly DtlsFingerprint _expectedRemote;
    private readonly DtlsSrtpOptions _options;
    private ushort _profile;

    public DtlsSrtpServer(BcTlsCrypto crypto, DtlsCertificate certificate, DtlsFingerprint expectedRemote, DtlsSrtpOptions options, DtlsHandshakeOutcome outcome)
        : base(crypto)
    {
        _crypto = crypto;
        _certificate = certificate;
        _expectedRemote = expectedRemote;
        _options = options;
        Outcome = outcome;
        _ = options.ProfileIds();
    }

    public DtlsHandshakeOutcome Outcome { get; }

    public override int GetHandshakeTimeoutMillis() => _options.HandshakeTimeoutMillis;

    public override int GetHandshakeResendTimeMillis() => _options.InitialRetransmitMillis;

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => DtlsPeerSupport.CipherSuites;

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() =>
        DtlsPeerSupport.SignerCredentials(m_context, _crypto, _certificate);

    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);

        UseSrtpData? offer = clientExtensions is null ? null : TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions);
        if (offer is null || !DtlsSrtpProtectionProfiles.TrySelect(_options.SrtpProfiles, offer.ProtectionProfiles, out _profile))
        {
            // RFC 5764 §4.1.1 lets a server go on without SRTP; a call without SRTP keys is useless, so stop here.
            Outcome.Fail(DtlsSrtpError.NoCommonSrtpProfile);
            throw new TlsFatalAlert(AlertDescription.handshake_failure);
        }
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        IDictionary<int, byte[]> extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetServerExtensions());
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([_profile], TlsUtilities.EmptyBytes));
        return extensions;
    }

    // RFC 8827 §6.5: mutual authentication; the certificate need only carry the key the SDP fingerprint names.
    public override CertificateRequest GetCertificateRequest() =>
        new([ClientCertificateType.ecdsa_sign], TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context), null);

    public override void NotifyClientCertificate(Certificate clientCertificate) =>
        DtlsPeerSupport.CheckPeerCertificate(clientCertificate, _expectedRemote, Outcome);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        Outcome.Keys = DtlsPeerSupport.ExportKeys(m_context, _profile);
    }

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) =>
        DtlsPeerSupport.RecordAlert(Outcome, alertLevel, alertDescription);
}
