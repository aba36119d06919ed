using System.Buffers.Binary;

namespace Conclave.Protocols.Rtcp;

/// <summary>
/// A generic NACK (RFC 4585 §6.2.1): RTPFB (PT 205) with FMT 1; each FCI entry names a lost packet
/// (PID) and a bitmask of the 16 following ones (BLP).
/// </summary>
public readonly ref struct GenericNack
{
    /// <summary>RFC 4585 §6.2.1: FMT 1.</summary>
    public const int Format = 1;

    private readonly ReadOnlySpan<byte> _body;

    private GenericNack(ReadOnlySpan<byte> body) => _body = body;

    public uint SenderSsrc => BinaryPrimitives.ReadUInt32BigEndian(_body);

    public uint MediaSsrc => BinaryPrimitives.ReadUInt32BigEndian(_body[4..]);

    public int ItemCount => (_body.Length - 8) / 4;

    public GenericNackItem GetItem(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ItemCount);
        var at = 8 + (4 * index);
        return new GenericNackItem(BinaryPrimitives.ReadUInt16BigEndian(_body[at..]), BinaryPrimitives.ReadUInt16BigEndian(_body[(at + 2)..]));
    }

    /// <summary>Writes every lost sequence number of every item into <paramref name="destination"/>; returns how many.</summary>
    public int CopyLostSequenceNumbers(Span<ushort> destination)
    {
        var n = 0;
        for (var i = 0; i < ItemCount; i++)
        {
            var item = GetItem(i);
            for (var bit = -1; bit < 16; bit++)
            {
                if (bit >= 0 && (item.LostBitmask & (1 << bit)) == 0)
                {
                    continue;
                }

                if (n == destination.Length)
                {
                    return n;
                }

                destination[n++] = (ushort)(item.PacketId + bit + 1);
            }
        }

        return n;
    }

    public static bool TryParse(RtcpPacket packet, out GenericNack nack, out RtcpParseError error)
    {
        nack = default;
        if (packet.PacketType != RtcpPacketType.TransportFeedback || packet.Count != Format)
        {
            error = RtcpParseError.WrongType;
            return false;
        }

        // RFC 4585 §6.2.1: at least one FCI entry after the two SSRCs.
        if (packet.Body.Length < 12 || packet.Body.Length % 4 != 0)
        {
            error = RtcpParseError.BadLength;
            return false;
        }

        nack = new GenericNack(packet.Body);
        error = RtcpParseError.None;
        return true;
    }

    /// <summary>
    /// Writes a NACK for <paramref name="lost"/> (ascending, modulo 2^16), packing each run of up to 17
    /// numbers into one PID/BLP entry.
    /// </summary>
    public static bool TryWrite(Span<byte> destination, uint senderSsrc, uint mediaSsrc, ReadOnlySpan<ushort> lost, out int written)
    {
        written = 0;
        if (lost.IsEmpty)
        {
            return false;
        }

        var at = RtcpPacket.HeaderLength + 8;
        for (var i = 0; i < lost.Length;)
        {
            if (at + 4 > destination.Length || at + 4 > 4 * 0x10000)
            {
                return false;
            }

            var pid = lost[i++];
            ushort blp = 0;
            while (i < lost.Length)
            {
                var distance = (ushort)(lost[i] - pid);
                if (distance is 0 or > 16)
                {
                    break;
                }

                blp |= (ushort)(1 << (distance - 1));
                i++;
            }

            BinaryPrimitives.WriteUInt16BigEndian(destination[at..], pid);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(at + 2)..], blp);
            at += 4;
        }

        RtcpPacket.WriteHeader(destination, Format, RtcpPacketType.TransportFeedback, at);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], mediaSsrc);
        written = at;
        return true;
    }
}

/// <summary>One generic NACK FCI entry (RFC 4585 §6.2.1): PID lost, and bit i of BLP set if PID+i+1 is lost too.</summary>
public readonly record struct GenericNackItem(ushort PacketId, ushort LostBitmask);
