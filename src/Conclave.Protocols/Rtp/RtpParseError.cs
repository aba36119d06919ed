namespace Conclave.Protocols.Rtp;

/// <summary>Why bytes are not a valid RTP packet.</summary>
public enum RtpParseError
{
    None = 0,

    /// <summary>Shorter than the fixed header, the CSRC list, the extension or the padding says.</summary>
    Truncated,

    /// <summary>RFC 3550 §5.1: the version must be 2.</summary>
    BadVersion,

    /// <summary>RFC 3550 §5.1: the padding count is zero or larger than the payload.</summary>
    BadPadding,

    /// <summary>An RFC 8285 header extension element runs past the extension block.</summary>
    BadExtension,

    /// <summary>A value given to a writer is out of range (payload type over 127, extension id, ...).</summary>
    InvalidValue,
}
