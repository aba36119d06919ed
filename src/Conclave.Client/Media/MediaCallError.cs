namespace Conclave.Client.Media;

/// <summary>Why a call leg could not be set up or ended abnormally.</summary>
public enum MediaCallError
{
    None = 0,

    /// <summary>The peer's SDP lacks what a WebRTC audio section needs (ICE credentials, fingerprint, a valid a=setup).</summary>
    InvalidRemoteDescription,

    /// <summary>The peer's SDP has no active audio section.</summary>
    NoAudio,

    /// <summary>The peer does not offer PCMU (payload type 0).</summary>
    NoCommonCodec,

    /// <summary>The peer's a=fingerprint is not SHA-256.</summary>
    UnsupportedFingerprint,

    /// <summary>The two a=setup values do not give one DTLS client and one server (RFC 8842 §5).</summary>
    SetupConflict,

    /// <summary>A description was applied out of order (an answer without an offer, twice, ...).</summary>
    WrongState,

    /// <summary>ICE found no working candidate pair.</summary>
    IceFailed,

    /// <summary>The peer's DTLS certificate does not match the fingerprint in its SDP (RFC 8122 §5).</summary>
    FingerprintMismatch,

    /// <summary>The DTLS-SRTP handshake failed for another reason (see <see cref="MediaCallException.DtlsError"/>).</summary>
    DtlsFailed,

    /// <summary>DTLS negotiated an SRTP protection profile Conclave does not implement.</summary>
    UnsupportedSrtpProfile,

    /// <summary>Connecting took longer than allowed.</summary>
    Timeout,
}
