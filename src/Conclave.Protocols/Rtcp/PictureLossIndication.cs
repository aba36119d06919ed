using System.Buffers.Binary;

namespace Conclave.Protocols.Rtcp;

/// <summary>A picture loss indication (RFC 4585 §6.3.1): PSFB (PT 206) with FMT 1 and no FCI.</summary>
public readonly record struct PictureLossIndication(uint SenderSsrc, uint MediaSsrc)
{
    /// <summary>RFC 4585 §6.3.1: FMT 1.</summary>
    public const int Format = 1;

    /// <summary>Header plus the two SSRCs.</summary>
    public const int Length = 12;

    public static bool TryParse(RtcpPacket packet, out PictureLossIndication pli, out RtcpParseError error)
    {
        pli = default;
        if (packet.PacketType != RtcpPacketType.PayloadFeedback || packet.Count != Format)
        {
            error = RtcpParseError.WrongType;
            return false;
        }

        // RFC 4585 §6.3.1: "exactly one PLI ... the length field is 2".
        if (packet.Body.Length != 8)
        {
            error = RtcpParseError.BadLength;
            return false;
        }

        pli = new PictureLossIndication(BinaryPrimitives.ReadUInt32BigEndian(packet.Body), BinaryPrimitives.ReadUInt32BigEndian(packet.Body[4..]));
        error = RtcpParseError.None;
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Length)
        {
            return false;
        }

        RtcpPacket.WriteHeader(destination, Format, RtcpPacketType.PayloadFeedback, Length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], SenderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], MediaSsrc);
        written = Length;
        return true;
    }
}
