using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Conclave.Protocols.Dtls;

/// <summary>The DTLS 1.2 client side of DTLS-SRTP (RFC 5764 §4.1): offers use_srtp and authenticates by fingerprint.</summary>
internal sealed class DtlsSrtpClient : DefaultTlsClient
{
    private readonly BcTlsCrypto _crypto;
    private readonly DtlsCertificate _certificate;
    private readonly DtlsFingerprint _expectedRemote;
    private readonly DtlsSrtpOptions _options;
    private readonly int[] _offered;
    private ushort _profile;

    public DtlsSrtpClient(BcTlsCrypto crypto, DtlsCertificate certificate, DtlsFingerprint expectedRemote, DtlsSrtpOptions options, DtlsHandshakeOutcome outcome)
        : base(crypto)
    {
        _crypto = crypto;
        _certificate = certificate;
        _expectedRemote = expectedRemote;
        _options = options;
        Outcome = outcome;
        _offered = options.ProfileIds();
    }

    public DtlsHandshakeOutcome Outcome { get; }

    public override int GetHandshakeTimeoutMillis() => _options.HandshakeTimeoutMillis;

    public override int GetHandshakeResendTimeMillis() => _options.InitialRetransmitMillis;

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => DtlsPeerSupport.CipherSuites;

    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        IDictionary<int, byte[]> extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());

        // RFC 5764 §4.1.1: the client lists its profiles in its order of preference, with no MKI.
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData(_offered, TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);

        UseSrtpData? answer = serverExtensions is null ? null : TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions);
        if (answer is null)
        {
            // RFC 5764 §4.1.1: no use_srtp in the ServerHello means no profile in common.
            Outcome.Fail(DtlsSrtpError.NoCommonSrtpProfile);
            throw new TlsFatalAlert(AlertDescription.handshake_failure);
        }

        // RFC 5764 §4.1.1: exactly one profile, one the client offered; MKI must echo ours (empty).
        int[] chosen = answer.ProtectionProfiles;
        if (chosen.Length != 1 || !_offered.Contains(chosen[0]) || answer.Mki.Length != 0)
        {
            Outcome.Fail(DtlsSrtpError.NoCommonSrtpProfile);
            throw new TlsFatalAlert(AlertDescription.illegal_parameter);
        }

        _profile = (ushort)chosen[0];
    }

    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        Outcome.Keys = DtlsPeerSupport.ExportKeys(m_context, _profile);
    }

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) =>
        DtlsPeerSupport.RecordAlert(Outcome, alertLevel, alertDescription);

    private sealed class Authentication(DtlsSrtpClient client) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate) =>
            DtlsPeerSupport.CheckPeerCertificate(serverCertificate?.Certificate, client._expectedRemote, client.Outcome);

        // RFC 8827 §6.5: WebRTC always authenticates both sides, so the client always sends its certificate.
        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) =>
            DtlsPeerSupport.SignerCredentials(client.m_context, client._crypto, client._certificate);
    }
}
