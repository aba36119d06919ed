using Conclave.Client.Media;
using Conclave.Protocols.Rtcp;

namespace Conclave.Client.Tests.Media;

public sealed class RtcpReportsTests
{
    [Fact]
    public void Write_SenderReportWithBlockAndBye_IsAValidCompoundPacket()
    {
        var buffer = new byte[512];
        var info = new SenderInfo(0x0123456789ABCDEF, 160_000, 50, 8000);
        var block = new ReportBlock(0xCAFEBABE, 12, 3, 70000, 5, 0x456789AB, 65536);
        int length = RtcpReports.Write(buffer, 0x11223344, info, block, "conclave-cname", bye: true);

        Assert.True(RtcpCompoundPacket.TryValidate(buffer.AsSpan(0, length), out int count, out RtcpParseError error), error.ToString());
        Assert.Equal(3, count);
        Assert.True(RtcpReports.TryReadSenderReport(buffer.AsSpan(0, length), out ulong ntp));
        Assert.Equal(0x0123456789ABCDEFUL, ntp);

        var packets = new List<RtcpPacketType>();
        foreach (RtcpPacket packet in new RtcpCompoundPacket(buffer.AsSpan(0, length)))
        {
            packets.Add(packet.PacketType);
            if (packet.PacketType == RtcpPacketType.SenderReport)
            {
                Assert.True(SenderReport.TryParse(packet, out SenderReport report, out _));
                Assert.Equal(0x11223344u, report.Ssrc);
                Assert.Equal(info, report.Info);
                Assert.Equal(block, report.GetReportBlock(0));
            }
        }

        Assert.Equal([RtcpPacketType.SenderReport, RtcpPacketType.SourceDescription, RtcpPacketType.Goodbye], packets);
    }

    [Fact]
    public void ToNtp_UnixEpoch_IsTheNtpEraOffset()
    {
        // RFC 5905 §6: 1970-01-01 is 2,208,988,800 s after 1900-01-01.
        Assert.Equal(2208988800UL << 32, RtcpReports.ToNtp(DateTimeOffset.UnixEpoch));
        Assert.Equal((2208988800UL << 32) | 0x80000000UL, RtcpReports.ToNtp(DateTimeOffset.UnixEpoch.AddSeconds(0.5)));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x80, 200, 0x00 })]
    [InlineData(new byte[] { 0x80, 200, 0xFF, 0xFF, 1, 2, 3, 4 })]
    [InlineData(new byte[] { 0x40, 200, 0x00, 0x00 })]
    public void TryReadSenderReport_Malformed_ReturnsFalse(byte[] packet)
    {
        Assert.False(RtcpReports.TryReadSenderReport(packet, out _));
    }
}
