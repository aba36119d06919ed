namespace Conclave.Protocols.Sdp;

/// <summary>Why a session description was rejected. The parser never throws on input.</summary>
public enum SdpParseError
{
    None = 0,

    /// <summary>No text at all.</summary>
    Empty,

    /// <summary>Larger than <see cref="SessionDescription.MaxLength"/> characters.</summary>
    TooLarge,

    /// <summary>A line is not <c>&lt;type&gt;=&lt;value&gt;</c> (RFC 8866 §5), is empty, or holds NUL or a lone CR.</summary>
    InvalidLine,

    /// <summary>A type letter RFC 8866 does not define; §5 says to ignore the whole description.</summary>
    UnknownLineType,

    /// <summary>A line out of the order RFC 8866 §5 fixes, or repeated where only one is allowed.</summary>
    UnexpectedLine,

    /// <summary><c>v=</c> is missing or not <c>0</c> (RFC 8866 §5.1).</summary>
    InvalidVersion,

    /// <summary><c>o=</c> is missing or malformed (RFC 8866 §5.2).</summary>
    InvalidOrigin,

    /// <summary><c>s=</c> is missing (RFC 8866 §5.3).</summary>
    MissingSessionName,

    /// <summary><c>t=</c> is missing or malformed (RFC 8866 §5.9).</summary>
    InvalidTiming,

    /// <summary><c>c=</c> is malformed (RFC 8866 §5.7).</summary>
    InvalidConnection,

    /// <summary><c>b=</c> is malformed (RFC 8866 §5.8).</summary>
    InvalidBandwidth,

    /// <summary><c>m=</c> is malformed (RFC 8866 §5.14).</summary>
    InvalidMedia,

    /// <summary>An attribute name is not a token, or a known attribute's value does not follow its grammar.</summary>
    InvalidAttribute,
}
