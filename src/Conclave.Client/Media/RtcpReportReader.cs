using System.Buffers.Binary;

namespace Conclave.Client.Media;

/// <summary>What the media leg takes from a received compound RTCP packet.</summary>
internal readonly record struct RtcpSummary(bool HasSenderReport, uint SenderSsrc, ulong NtpTimestamp, int ReportBlocks, bool Bye);

/// <summary>Walks a decrypted compound RTCP packet (RFC 3550 §6.1); never throws on hostile input.</summary>
internal static class RtcpReportReader
{
    public static bool TryRead(ReadOnlySpan<byte> packet, out RtcpSummary summary)
    {
        summary = default;
        bool any = false;
        bool hasSr = false;
        uint srSsrc = 0;
        ulong ntp = 0;
        int blocks = 0;
        bool bye = false;
        while (packet.Length >= 4)
        {
            if (packet[0] >> 6 != 2)
            {
                return false;
            }

            int length = (BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) + 1) * 4;
            if (length > packet.Length)
            {
                return false;
            }

            ReadOnlySpan<byte> body = packet[..length];
            int count = packet[0] & 0x1F;
            switch (packet[1])
            {
                case RtcpReportWriter.SenderReportType when body.Length >= 28:
                    hasSr = true;
                    srSsrc = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                    ntp = BinaryPrimitives.ReadUInt64BigEndian(body[8..]);
                    blocks += Math.Min(count, (body.Length - 28) / 24);
                    break;
                case RtcpReportWriter.ReceiverReportType when body.Length >= 8:
                    blocks += Math.Min(count, (body.Length - 8) / 24);
                    break;
                case RtcpReportWriter.ByeType:
                    bye = true;
                    break;
            }

            any = true;
            packet = packet[length..];
        }

        summary = new RtcpSummary(hasSr, srSsrc, ntp, blocks, bye);
        return any;
    }
}
