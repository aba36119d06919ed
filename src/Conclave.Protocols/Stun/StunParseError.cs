namespace Conclave.Protocols.Stun;

/// <summary>Why bytes were not accepted as a STUN message, attribute or ChannelData frame.</summary>
public enum StunParseError
{
    None = 0,
    /// <summary>Fewer than the 20 header bytes (or 4 ChannelData header bytes).</summary>
    TooShort,
    /// <summary>The first two bits are not zero or the magic cookie is wrong (RFC 8489 §6).</summary>
    NotStun,
    /// <summary>The header length is not a multiple of 4 or disagrees with the datagram size.</summary>
    LengthMismatch,
    /// <summary>An attribute's declared length runs past the end of the message.</summary>
    TruncatedAttribute,
    /// <summary>An attribute value is malformed for its type or longer than RFC 8489 §14 allows.</summary>
    InvalidAttribute,
    /// <summary>An address family other than IPv4 (0x01) or IPv6 (0x02).</summary>
    UnknownAddressFamily,
    /// <summary>The attribute is absent.</summary>
    MissingAttribute,
    /// <summary>A channel number outside 0x4000–0x4FFF (RFC 8656 §12).</summary>
    InvalidChannelNumber,
    /// <summary>FINGERPRINT does not match the message (RFC 8489 §7.3: the message is discarded).</summary>
    FingerprintMismatch,
}
