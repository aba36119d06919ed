namespace Conclave.Client.Media;

/// <summary>What a datagram on the media 5-tuple carries, by its first bytes.</summary>
internal enum PacketKind
{
    Unknown,
    Stun,
    Dtls,
    Rtp,
    Rtcp,
}

/// <summary>The RFC 7983 §7 demultiplexing of STUN, DTLS and SRTP/SRTCP on one socket.</summary>
internal static class PacketClassifier
{
    public static PacketKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return PacketKind.Unknown;
        }

        return datagram[0] switch
        {
            <= 3 => PacketKind.Stun,
            >= 20 and <= 63 => PacketKind.Dtls,

            // RFC 5761 §4: with rtcp-mux, payload types 192–223 (marker bit included) are RTCP.
            >= 128 and <= 191 when datagram.Length >= 2 => datagram[1] is >= 192 and <= 223 ? PacketKind.Rtcp : PacketKind.Rtp,
            _ => PacketKind.Unknown,
        };
    }
}
