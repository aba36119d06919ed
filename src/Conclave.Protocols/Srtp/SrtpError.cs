namespace Conclave.Protocols.Srtp;

/// <summary>Why an SRTP or SRTCP packet was not protected or unprotected. Packet input never throws.</summary>
public enum SrtpError
{
    /// <summary>The packet was processed.</summary>
    None = 0,

    /// <summary>The packet is shorter than its header, extension or tag says it must be.</summary>
    Truncated,

    /// <summary>The header is not RTP/RTCP version 2 or its fields are inconsistent.</summary>
    MalformedHeader,

    /// <summary>The buffer has no room for the tag (protect), or the length exceeds the buffer.</summary>
    BufferTooSmall,

    /// <summary>The packet is longer than 65,535 bytes, the most any RTP transport carries.</summary>
    PacketTooLarge,

    /// <summary>The authentication tag did not verify (RFC 3711 §3.3 step 5).</summary>
    AuthenticationFailed,

    /// <summary>The packet index was already received (RFC 3711 §3.3.2).</summary>
    Replayed,

    /// <summary>The packet index lies behind the replay window (RFC 3711 §3.3.2).</summary>
    TooOld,

    /// <summary>A new SSRC was seen after the context's SSRC limit was reached.</summary>
    TooManySsrcs,

    /// <summary>The SRTP or SRTCP index space is used up (RFC 3711 §9.2); the keys must be renewed.</summary>
    KeyExhausted,
}
