using System.Buffers.Binary;

namespace Conclave.Protocols.Rtcp;

/// <summary>
/// One RTCP packet of a compound packet (RFC 3550 §6.4.1 common header): a view with the header fields
/// and the body after the 4-byte header, padding removed. Nothing is copied.
/// </summary>
public readonly ref struct RtcpPacket
{
    public const int HeaderLength = 4;

    private RtcpPacket(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> body)
    {
        Raw = raw;
        Body = body;
    }

    /// <summary>The report count, source count or feedback message type (FMT): the header's 5 low bits.</summary>
    public int Count => Raw[0] & 0x1F;

    public bool HasPadding => (Raw[0] & 0x20) != 0;

    public RtcpPacketType PacketType => (RtcpPacketType)Raw[1];

    /// <summary>The whole packet, header and padding included.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>The packet after its 4-byte header, without padding.</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>
    /// Reads the first packet of <paramref name="data"/>; <paramref name="consumed"/> is its length
    /// ((length field + 1) * 4, RFC 3550 §6.4.1).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpPacket packet, out int consumed, out RtcpParseError error)
    {
        packet = default;
        consumed = 0;
        if (data.Length < HeaderLength)
        {
            error = RtcpParseError.Truncated;
            return false;
        }

        if (data[0] >> 6 != 2)
        {
            error = RtcpParseError.BadVersion;
            return false;
        }

        var length = (BinaryPrimitives.ReadUInt16BigEndian(data[2..]) + 1) * 4;
        if (length > data.Length)
        {
            error = RtcpParseError.Truncated;
            return false;
        }

        var raw = data[..length];
        var padding = 0;
        if ((data[0] & 0x20) != 0)
        {
            padding = raw[^1];
            if (padding == 0 || padding > length - HeaderLength)
            {
                error = RtcpParseError.BadPadding;
                return false;
            }
        }

        packet = new RtcpPacket(raw, raw[HeaderLength..(length - padding)]);
        consumed = length;
        error = RtcpParseError.None;
        return true;
    }

    /// <summary>Writes the common header for a packet of <paramref name="length"/> bytes (a multiple of 4).</summary>
    internal static void WriteHeader(Span<byte> destination, int count, RtcpPacketType type, int length)
    {
        destination[0] = (byte)(0x80 | count);
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((length / 4) - 1));
    }
}
