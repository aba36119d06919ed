using System.Buffers.Binary;

namespace Conclave.Protocols.Rtcp;

/// <summary>
/// An RTCP source description, PT 202 (RFC 3550 §6.5): a view whose chunks were all checked by
/// <see cref="TryParse"/>. Walk them with <see cref="Chunks"/>.
/// </summary>
public readonly ref struct SourceDescription
{
    /// <summary>RFC 3550 §6.5.1: the CNAME item type.</summary>
    public const byte CnameItem = 1;

    private readonly ReadOnlySpan<byte> _body;

    private SourceDescription(ReadOnlySpan<byte> body, int count)
    {
        _body = body;
        ChunkCount = count;
    }

    public int ChunkCount { get; }

    public SourceDescriptionChunkEnumerator Chunks => new(_body, ChunkCount);

    public static bool TryParse(RtcpPacket packet, out SourceDescription description, out RtcpParseError error)
    {
        description = default;
        if (packet.PacketType != RtcpPacketType.SourceDescription)
        {
            error = RtcpParseError.WrongType;
            return false;
        }

        var chunks = new SourceDescriptionChunkEnumerator(packet.Body, packet.Count);
        var seen = 0;
        while (chunks.MoveNext())
        {
            seen++;
        }

        if (chunks.Error != RtcpParseError.None || seen != packet.Count)
        {
            error = chunks.Error == RtcpParseError.None ? RtcpParseError.BadLength : chunks.Error;
            return false;
        }

        description = new SourceDescription(packet.Body, packet.Count);
        error = RtcpParseError.None;
        return true;
    }

    /// <summary>Writes an SDES packet with one chunk holding the CNAME item (RFC 3550 §6.5.1), 1-255 bytes.</summary>
    public static bool TryWriteCname(Span<byte> destination, uint ssrc, ReadOnlySpan<byte> cname, out int written)
    {
        written = 0;
        if (cname.IsEmpty || cname.Length > 255)
        {
            return false;
        }

        // Chunk: SSRC, item type and length, text, then at least one zero octet up to a 32-bit boundary.
        var chunk = (4 + 2 + cname.Length + 1 + 3) & ~3;
        var length = RtcpPacket.HeaderLength + chunk;
        if (length > destination.Length)
        {
            return false;
        }

        RtcpPacket.WriteHeader(destination, 1, RtcpPacketType.SourceDescription, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        destination[8] = CnameItem;
        destination[9] = (byte)cname.Length;
        cname.CopyTo(destination[10..]);
        destination[(10 + cname.Length)..length].Clear();
        written = length;
        return true;
    }
}

/// <summary>One SDES chunk: a source and its items (type, value), a view into the packet.</summary>
public readonly ref struct SourceDescriptionChunk(uint ssrc, ReadOnlySpan<byte> items)
{
    public uint Ssrc { get; } = ssrc;

    /// <summary>The items up to (not including) the terminating zero octet, already bounds-checked.</summary>
    public ReadOnlySpan<byte> Items { get; } = items;

    /// <summary>The value of the first item of <paramref name="type"/>, e.g. <see cref="SourceDescription.CnameItem"/>.</summary>
    public bool TryGetItem(byte type, out ReadOnlySpan<byte> value)
    {
        var items = Items;
        while (items.Length >= 2)
        {
            var length = items[1];
            if (items[0] == type)
            {
                value = items.Slice(2, length);
                return true;
            }

            items = items[(2 + length)..];
        }

        value = default;
        return false;
    }
}

/// <summary>Walks SDES chunks, checking each item length and the zero-octet terminator (RFC 3550 §6.5).</summary>
public ref struct SourceDescriptionChunkEnumerator
{
    private ReadOnlySpan<byte> _remaining;
    private int _left;

    internal SourceDescriptionChunkEnumerator(ReadOnlySpan<byte> body, int count)
    {
        _remaining = body;
        _left = count;
        Current = default;
        Error = RtcpParseError.None;
    }

    public SourceDescriptionChunk Current { get; private set; }

    public RtcpParseError Error { get; private set; }

    public readonly SourceDescriptionChunkEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_left == 0 || Error != RtcpParseError.None)
        {
            return false;
        }

        if (_remaining.Length < 8)
        {
            return Fail();
        }

        var at = 4;
        while (true)
        {
            if (at >= _remaining.Length)
            {
                return Fail();
            }

            if (_remaining[at] == 0)
            {
                break;
            }

            if (at + 2 > _remaining.Length || at + 2 + _remaining[at + 1] > _remaining.Length)
            {
                return Fail();
            }

            at += 2 + _remaining[at + 1];
        }

        Current = new SourceDescriptionChunk(BinaryPrimitives.ReadUInt32BigEndian(_remaining), _remaining[4..at]);

        // The terminator and padding run to the next 32-bit boundary.
        var end = (at + 1 + 3) & ~3;
        if (end > _remaining.Length)
        {
            return Fail();
        }

        _remaining = _remaining[end..];
        _left--;
        return true;
    }

    private bool Fail()
    {
        Error = RtcpParseError.Truncated;
        _remaining = default;
        return false;
    }
}
