using System.Buffers.Binary;

namespace Conclave.Protocols.Rtcp;

/// <summary>An RTCP BYE, PT 203 (RFC 3550 §6.6): the sources leaving and an optional reason.</summary>
public readonly ref struct Goodbye
{
    private readonly ReadOnlySpan<byte> _body;

    private Goodbye(ReadOnlySpan<byte> body, int count, ReadOnlySpan<byte> reason)
    {
        _body = body;
        SourceCount = count;
        Reason = reason;
    }

    public int SourceCount { get; }

    /// <summary>The reason text (UTF-8), empty when none was given.</summary>
    public ReadOnlySpan<byte> Reason { get; }

    public uint GetSsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SourceCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_body[(4 * index)..]);
    }

    public static bool TryParse(RtcpPacket packet, out Goodbye goodbye, out RtcpParseError error)
    {
        goodbye = default;
        if (packet.PacketType != RtcpPacketType.Goodbye)
        {
            error = RtcpParseError.WrongType;
            return false;
        }

        var body = packet.Body;
        var sources = 4 * packet.Count;
        if (body.Length < sources)
        {
            error = RtcpParseError.BadLength;
            return false;
        }

        ReadOnlySpan<byte> reason = default;
        if (body.Length > sources)
        {
            var length = body[sources];
            if (sources + 1 + length > body.Length)
            {
                error = RtcpParseError.Truncated;
                return false;
            }

            reason = body.Slice(sources + 1, length);
        }

        goodbye = new Goodbye(body, packet.Count, reason);
        error = RtcpParseError.None;
        return true;
    }

    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<uint> ssrcs, ReadOnlySpan<byte> reason, out int written)
    {
        written = 0;
        var reasonLength = reason.IsEmpty ? 0 : (1 + reason.Length + 3) & ~3;
        var length = RtcpPacket.HeaderLength + (4 * ssrcs.Length) + reasonLength;
        if (ssrcs.Length > 31 || reason.Length > 255 || length > destination.Length)
        {
            return false;
        }

        RtcpPacket.WriteHeader(destination, ssrcs.Length, RtcpPacketType.Goodbye, length);
        var at = RtcpPacket.HeaderLength;
        foreach (var ssrc in ssrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[at..], ssrc);
            at += 4;
        }

        if (!reason.IsEmpty)
        {
            destination[at] = (byte)reason.Length;
            reason.CopyTo(destination[(at + 1)..]);
            destination[(at + 1 + reason.Length)..length].Clear();
        }

        written = length;
        return true;
    }
}
