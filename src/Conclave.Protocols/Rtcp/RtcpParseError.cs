namespace Conclave.Protocols.Rtcp;

/// <summary>Why bytes are not a valid RTCP packet.</summary>
public enum RtcpParseError
{
    None = 0,

    /// <summary>Shorter than a header, or than the length field, count or item lengths say.</summary>
    Truncated,

    /// <summary>RFC 3550 §6.4.1: the version must be 2.</summary>
    BadVersion,

    /// <summary>RFC 3550 §6.4.1: the padding count is zero or larger than the packet body.</summary>
    BadPadding,

    /// <summary>The packet is not of the type (or feedback format) the reader expects.</summary>
    WrongType,

    /// <summary>The body is not the size its type and count require.</summary>
    BadLength,

    /// <summary>A value given to a writer is out of range (too many blocks, CNAME over 255 bytes, ...).</summary>
    InvalidValue,
}
