using System.Buffers.Binary;

namespace Conclave.Client.Media;

/// <summary>The RTP fixed header fields the media leg reads and writes (RFC 3550 §5.1).</summary>
internal readonly record struct RtpPacket(byte PayloadType, bool Marker, ushort SequenceNumber, uint Timestamp, uint Ssrc, int PayloadOffset, int PayloadLength)
{
    public const int FixedHeaderLength = 12;

    /// <summary>Writes a 12-byte header with no CSRC and no extension.</summary>
    public static void WriteHeader(Span<byte> buffer, byte payloadType, bool marker, ushort sequence, uint timestamp, uint ssrc)
    {
        buffer[0] = 0x80; // V=2, P=0, X=0, CC=0
        buffer[1] = (byte)((marker ? 0x80 : 0) | (payloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[8..], ssrc);
    }

    /// <summary>Reads the header of a decrypted RTP packet; every length is checked (never throws).</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtpPacket rtp)
    {
        rtp = default;
        if (packet.Length < FixedHeaderLength || packet[0] >> 6 != 2)
        {
            return false;
        }

        int offset = FixedHeaderLength + (4 * (packet[0] & 0x0F));
        if (offset > packet.Length)
        {
            return false;
        }

        // RFC 3550 §5.3.1: a header extension is a 4-byte header and a length in 32-bit words.
        if ((packet[0] & 0x10) != 0)
        {
            if (offset + 4 > packet.Length)
            {
                return false;
            }

            offset += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]));
            if (offset > packet.Length)
            {
                return false;
            }
        }

        int end = packet.Length;

        // RFC 3550 §5.1: with P set, the last octet counts the padding octets, itself included.
        if ((packet[0] & 0x20) != 0)
        {
            int padding = packet[^1];
            if (padding == 0 || padding > end - offset)
            {
                return false;
            }

            end -= padding;
        }

        rtp = new RtpPacket(
            (byte)(packet[1] & 0x7F),
            (packet[1] & 0x80) != 0,
            BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[8..]),
            offset,
            end - offset);
        return true;
    }
}
