using System.Buffers.Binary;

namespace Conclave.Protocols.Rtcp;

/// <summary>An RTCP receiver report, PT 201 (RFC 3550 §6.4.2): a view over the packet.</summary>
public readonly ref struct ReceiverReport
{
    private readonly ReadOnlySpan<byte> _body;

    private ReceiverReport(ReadOnlySpan<byte> body, int count)
    {
        _body = body;
        ReportCount = count;
    }

    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_body);

    public int ReportCount { get; }

    public ReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ReportCount);
        return ReportBlock.Read(_body[(4 + (index * ReportBlock.Length))..]);
    }

    public static bool TryParse(RtcpPacket packet, out ReceiverReport report, out RtcpParseError error)
    {
        report = default;
        if (packet.PacketType != RtcpPacketType.ReceiverReport)
        {
            error = RtcpParseError.WrongType;
            return false;
        }

        if (packet.Body.Length < 4 + (packet.Count * ReportBlock.Length))
        {
            error = RtcpParseError.BadLength;
            return false;
        }

        report = new ReceiverReport(packet.Body, packet.Count);
        error = RtcpParseError.None;
        return true;
    }

    public static bool TryWrite(Span<byte> destination, uint ssrc, ReadOnlySpan<ReportBlock> blocks, out int written)
    {
        written = 0;
        var length = RtcpPacket.HeaderLength + 4 + (blocks.Length * ReportBlock.Length);
        if (blocks.Length > 31 || length > destination.Length)
        {
            return false;
        }

        RtcpPacket.WriteHeader(destination, blocks.Length, RtcpPacketType.ReceiverReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i].Write(destination[(8 + (i * ReportBlock.Length))..]);
        }

        written = length;
        return true;
    }
}
