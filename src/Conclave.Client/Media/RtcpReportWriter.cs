using System.Buffers.Binary;
using System.Text;

namespace Conclave.Client.Media;

/// <summary>One RFC 3550 §6.4.1 reception report block about the peer's stream.</summary>
internal readonly record struct RtcpReportBlock(uint Ssrc, byte FractionLost, int CumulativeLost, uint ExtendedHighestSequence, uint Jitter, uint LastSr, uint DelaySinceLastSr);

/// <summary>
/// Writes the compound RTCP packet the media leg sends every few seconds (RFC 3550 §6.1): an SR when
/// we have sent media (an RR otherwise) with at most one report block, then an SDES with the CNAME.
/// </summary>
internal static class RtcpReportWriter
{
    public const byte SenderReportType = 200;
    public const byte ReceiverReportType = 201;
    public const byte SdesType = 202;
    public const byte ByeType = 203;

    /// <summary>Seconds from the NTP epoch (1900) to the Unix epoch (1970), RFC 5905 §6.</summary>
    private const long NtpUnixOffsetSeconds = 2208988800;

    /// <summary>Writes the compound packet; returns its length.</summary>
    public static int Write(
        Span<byte> buffer,
        uint ssrc,
        bool sender,
        ulong ntpTimestamp,
        uint rtpTimestamp,
        uint packetCount,
        uint octetCount,
        RtcpReportBlock? block,
        string cname)
    {
        int count = block is null ? 0 : 1;
        int at = 0;
        int headerWords = sender ? 6 : 1; // SSRC plus the 20-byte sender info
        int length = 4 + (headerWords * 4) + (count * 24);
        buffer[0] = (byte)(0x80 | count);
        buffer[1] = sender ? SenderReportType : ReceiverReportType;
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)((length / 4) - 1));
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], ssrc);
        at = 8;
        if (sender)
        {
            BinaryPrimitives.WriteUInt64BigEndian(buffer[at..], ntpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[(at + 8)..], rtpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[(at + 12)..], packetCount);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[(at + 16)..], octetCount);
            at += 20;
        }

        if (block is { } b)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer[at..], b.Ssrc);

            // Cumulative loss is a signed 24-bit value (RFC 3550 §6.4.1), clamped.
            int lost = Math.Clamp(b.CumulativeLost, -0x800000, 0x7FFFFF);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[(at + 4)..], ((uint)b.FractionLost << 24) | ((uint)lost & 0xFFFFFF));
            BinaryPrimitives.WriteUInt32BigEndian(buffer[(at + 8)..], b.ExtendedHighestSequence);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[(at + 12)..], b.Jitter);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[(at + 16)..], b.LastSr);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[(at + 20)..], b.DelaySinceLastSr);
            at += 24;
        }

        // RFC 3550 §6.5: SDES with one chunk holding the CNAME, null-terminated and padded to 32 bits.
        int cnameLength = Math.Min(Encoding.ASCII.GetByteCount(cname), 255);
        int chunk = 4 + 2 + cnameLength + 1;
        chunk = (chunk + 3) & ~3;
        int sdesStart = at;
        buffer[at] = 0x81;
        buffer[at + 1] = SdesType;
        BinaryPrimitives.WriteUInt16BigEndian(buffer[(at + 2)..], (ushort)(chunk / 4));
        BinaryPrimitives.WriteUInt32BigEndian(buffer[(at + 4)..], ssrc);
        buffer[at + 8] = 1; // CNAME
        buffer[at + 9] = (byte)cnameLength;
        Encoding.ASCII.GetBytes(cname.AsSpan(0, cnameLength), buffer[(at + 10)..]);
        buffer.Slice(at + 10 + cnameLength, sdesStart + 4 + chunk - (at + 10 + cnameLength)).Clear();
        return sdesStart + 4 + chunk;
    }

    /// <summary>An RTCP BYE for <paramref name="ssrc"/> (RFC 3550 §6.6).</summary>
    public static int WriteBye(Span<byte> buffer, uint ssrc)
    {
        buffer[0] = 0x81;
        buffer[1] = ByeType;
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], ssrc);
        return 8;
    }

    /// <summary>The 64-bit NTP timestamp of a wall-clock time (RFC 3550 §4).</summary>
    public static ulong ToNtp(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        ulong seconds = (ulong)((ticks / TimeSpan.TicksPerSecond) + NtpUnixOffsetSeconds);
        ulong fraction = (ulong)(ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }
}
