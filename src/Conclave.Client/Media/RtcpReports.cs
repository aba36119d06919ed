using System.Text;
using Conclave.Protocols.Rtcp;

namespace Conclave.Client.Media;

/// <summary>
/// The compound RTCP packets of the media leg (RFC 3550 §6.1): an SR with at most one report block,
/// then an SDES with the CNAME, and a BYE on close.
/// </summary>
internal static class RtcpReports
{
    /// <summary>Seconds from the NTP epoch (1900) to the Unix epoch (1970), RFC 5905 §6.</summary>
    private const long NtpUnixOffsetSeconds = 2208988800;

    /// <summary>Writes SR + SDES (+ BYE); returns the length, or 0 when the buffer is too small.</summary>
    public static int Write(Span<byte> buffer, uint ssrc, in SenderInfo info, ReportBlock? block, string cname, bool bye)
    {
        ReadOnlySpan<ReportBlock> blocks = block is { } b ? [b] : [];
        if (!SenderReport.TryWrite(buffer, ssrc, info, blocks, out int length))
        {
            return 0;
        }

        Span<byte> name = stackalloc byte[Math.Min(Encoding.ASCII.GetByteCount(cname), 255)];
        Encoding.ASCII.GetBytes(cname.AsSpan(0, name.Length), name);
        if (!SourceDescription.TryWriteCname(buffer[length..], ssrc, name, out int written))
        {
            return 0;
        }

        length += written;
        if (bye)
        {
            if (!Goodbye.TryWrite(buffer[length..], [ssrc], default, out written))
            {
                return 0;
            }

            length += written;
        }

        return length;
    }

    /// <summary>
    /// The NTP timestamp of the last SR in a compound packet (for LSR, RFC 3550 §6.4.1), if any.
    /// Never throws: a malformed packet yields false.
    /// </summary>
    public static bool TryReadSenderReport(ReadOnlySpan<byte> compound, out ulong ntpTimestamp)
    {
        ntpTimestamp = 0;
        bool found = false;
        foreach (RtcpPacket packet in new RtcpCompoundPacket(compound))
        {
            if (packet.PacketType == RtcpPacketType.SenderReport && SenderReport.TryParse(packet, out SenderReport report, out _))
            {
                ntpTimestamp = report.Info.NtpTimestamp;
                found = true;
            }
        }

        return found;
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
