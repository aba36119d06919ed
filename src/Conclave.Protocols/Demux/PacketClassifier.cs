namespace Conclave.Protocols.Demux;

/// <summary>Sorts datagrams arriving on one socket by their first byte (RFC 7983 §7).</summary>
public static class PacketClassifier
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
            >= 16 and <= 19 => PacketKind.Zrtp,
            >= 20 and <= 63 => PacketKind.Dtls,
            >= 64 and <= 79 => PacketKind.TurnChannel,
            >= 128 and <= 191 => ClassifyRtp(datagram),
            _ => PacketKind.Unknown,
        };
    }

    private static PacketKind ClassifyRtp(ReadOnlySpan<byte> datagram)
    {
        // RFC 5761 §4: with RTP and RTCP multiplexed, the second byte 192-223 (RTCP packet types 192-223,
        // which RTP payload types with the marker bit never reach once PTs 64-95 are avoided) means RTCP.
        if (datagram.Length < 2)
        {
            return PacketKind.Unknown;
        }

        return datagram[1] is >= 192 and <= 223 ? PacketKind.Rtcp : PacketKind.Rtp;
    }
}
