namespace Conclave.Protocols.Dtls;

/// <summary>Why a DTLS-SRTP handshake did not produce keys.</summary>
public enum DtlsSrtpError
{
    None = 0,

    /// <summary>The peer's certificate does not hash to the <c>a=fingerprint</c> it announced (RFC 8122 §5).</summary>
    FingerprintMismatch,

    /// <summary>The peer sent no certificate; WebRTC requires mutual authentication (RFC 8827 §6.5).</summary>
    MissingPeerCertificate,

    /// <summary>The handshake did not finish within the configured timeout.</summary>
    Timeout,

    /// <summary>The peer aborted the handshake with a fatal alert (see <see cref="DtlsSrtpResult.AlertDescription"/>).</summary>
    AlertReceived,

    /// <summary>No SRTP protection profile is acceptable to both sides (RFC 5764 §4.1.1).</summary>
    NoCommonSrtpProfile,

    /// <summary>The caller cancelled the handshake.</summary>
    Canceled,

    /// <summary>The handshake failed locally for another reason (see <see cref="DtlsSrtpResult.AlertDescription"/>).</summary>
    HandshakeFailed,
}
