using System.Buffers.Binary;

namespace Conclave.Protocols.Rtcp;

/// <summary>An RTCP sender report, PT 200 (RFC 3550 §6.4.1): a view over the packet.</summary>
public readonly ref struct SenderReport
{
    private readonly ReadOnlySpan<byte> _body;

    private SenderReport(ReadOnlySpan<byte> body, int count)
    {
        _body = body;
        ReportCount = count;
    }

    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_body);

    public SenderInfo Info => new(
        BinaryPrimitives.ReadUInt64BigEndian(_body[4..]),
        BinaryPrimitives.ReadUInt32BigEndian(_body[12..]),
        BinaryPrimitives.ReadUInt32BigEndian(_body[16..]),
        BinaryPrimitives.ReadUInt32BigEndian(_body[20..]));

    public int ReportCount { get; }

    public ReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ReportCount);
        return ReportBlock.Read(_body[(4 + SenderInfo.Length + (index * ReportBlock.Length))..]);
    }

    public static bool TryParse(RtcpPacket packet, out SenderReport report, out RtcpParseError error)
    {
        report = default;
        if (packet.PacketType != RtcpPacketType.SenderReport)
        {
            error = RtcpParseError.WrongType;
            return false;
        }

        // Profile-specific extensions may follow the report blocks (RFC 3550 §6.4.1), so only a minimum is checked.
        if (packet.Body.Length < 4 + SenderInfo.Length + (packet.Count * ReportBlock.Length))
        {
            error = RtcpParseError.BadLength;
            return false;
        }

        report = new SenderReport(packet.Body, packet.Count);
        error = RtcpParseError.None;
        return true;
    }

    public static bool TryWrite(Span<byte> destination, uint ssrc, in SenderInfo info, ReadOnlySpan<ReportBlock> blocks, out int written)
    {
        written = 0;
        var length = RtcpPacket.HeaderLength + 4 + SenderInfo.Length + (blocks.Length * ReportBlock.Length);
        if (blocks.Length > 31 || length > destination.Length)
        {
            return false;
        }

        RtcpPacket.WriteHeader(destination, blocks.Length, RtcpPacketType.SenderReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], info.NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], info.RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], info.PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], info.OctetCount);
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i].Write(destination[(28 + (i * ReportBlock.Length))..]);
        }

        written = length;
        return true;
    }
}
