namespace Conclave.Protocols.Demux;

/// <summary>What shares the 5-tuple of a WebRTC transport (RFC 7983 §7).</summary>
public enum PacketKind
{
    Unknown = 0,

    /// <summary>First byte 0-3 (RFC 7983 §7).</summary>
    Stun,

    /// <summary>First byte 16-19 (RFC 7983 §7); not used by WebRTC.</summary>
    Zrtp,

    /// <summary>First byte 20-63 (RFC 7983 §7).</summary>
    Dtls,

    /// <summary>First byte 64-79: TURN ChannelData (RFC 7983 §7).</summary>
    TurnChannel,

    /// <summary>First byte 128-191 with a payload type outside 192-223.</summary>
    Rtp,

    /// <summary>First byte 128-191 with a second byte 192-223 (RFC 5761 §4).</summary>
    Rtcp,
}
