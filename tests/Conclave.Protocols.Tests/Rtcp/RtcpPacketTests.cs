using System.Buffers.Binary;
using Conclave.Protocols.Rtcp;
using Conclave.Protocols.Tests.Srtp;
using CsCheck;

namespace Conclave.Protocols.Tests.Rtcp;

public sealed class RtcpPacketTests
{
    // The sender report of RFC 7714 §17.1: SSRC "Mars", one report block about "Luna". The RFC prints
    // a length field of 13 words over 52 bytes; here it says 12, the length the bytes actually have.
    private static readonly byte[] Rfc7714SenderReport = Hex.Bytes(
        "81c8000c 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef");

    [Fact]
    public void SenderReport_Rfc7714Packet_ReadsEveryField()
    {
        Assert.True(RtcpPacket.TryParse(Rfc7714SenderReport, out var packet, out var consumed, out _));
        Assert.Equal(Rfc7714SenderReport.Length, consumed);
        Assert.True(SenderReport.TryParse(packet, out var report, out _));
        Assert.Equal(0x4d617273u, report.Ssrc);
        Assert.Equal(new SenderInfo(0x4e5450314e545032, 0x52545020, 0x42a, 0xe930), report.Info);
        Assert.Equal(1, report.ReportCount);
        var block = report.GetReportBlock(0);
        Assert.Equal(0x4c756e61u, block.Ssrc);
        Assert.Equal(0xde, block.FractionLost);
        Assert.Equal(unchecked((int)0xFFadbeef), block.CumulativeLost);
    }

    [Fact]
    public void Compound_SrRrSdesByeNackPli_WrittenThenWalked_GivesEachPacketBack()
    {
        var buffer = new byte[512];
        var at = 0;
        var block = new ReportBlock(9, 12, -3, 0x0001_0005, 77, 0x1234_5678, 65536);
        Assert.True(SenderReport.TryWrite(buffer.AsSpan(at), 1, new SenderInfo(0x1122334455667788, 9, 10, 11), [block], out var n));
        at += n;
        Assert.True(ReceiverReport.TryWrite(buffer.AsSpan(at), 2, [block, block with { Ssrc = 10 }], out n));
        at += n;
        Assert.True(SourceDescription.TryWriteCname(buffer.AsSpan(at), 1, "user@conclave"u8, out n));
        at += n;
        Assert.True(Goodbye.TryWrite(buffer.AsSpan(at), [1u, 2u], "leaving"u8, out n));
        at += n;
        Assert.True(GenericNack.TryWrite(buffer.AsSpan(at), 1, 9, [100, 101, 116, 117, 65535, 3], out n));
        at += n;
        Assert.True(new PictureLossIndication(1, 9).TryWrite(buffer.AsSpan(at), out n));
        at += n;

        var types = new List<RtcpPacketType>();
        var walk = new RtcpCompoundPacket(buffer.AsSpan(0, at));
        foreach (var packet in walk)
        {
            types.Add(packet.PacketType);
            switch (packet.PacketType)
            {
                case RtcpPacketType.SenderReport:
                    Assert.True(SenderReport.TryParse(packet, out var sr, out _));
                    Assert.Equal(block, sr.GetReportBlock(0));
                    Assert.Equal(0x1122334455667788ul, sr.Info.NtpTimestamp);
                    break;
                case RtcpPacketType.ReceiverReport:
                    Assert.True(ReceiverReport.TryParse(packet, out var rr, out _));
                    Assert.Equal(2, rr.ReportCount);
                    Assert.Equal(10u, rr.GetReportBlock(1).Ssrc);
                    Assert.Equal(-3, rr.GetReportBlock(1).CumulativeLost);
                    break;
                case RtcpPacketType.SourceDescription:
                    Assert.True(SourceDescription.TryParse(packet, out var sdes, out _));
                    var chunks = sdes.Chunks;
                    Assert.True(chunks.MoveNext());
                    Assert.Equal(1u, chunks.Current.Ssrc);
                    Assert.True(chunks.Current.TryGetItem(SourceDescription.CnameItem, out var cname));
                    Assert.True(cname.SequenceEqual("user@conclave"u8));
                    break;
                case RtcpPacketType.Goodbye:
                    Assert.True(Goodbye.TryParse(packet, out var bye, out _));
                    Assert.Equal(2u, bye.GetSsrc(1));
                    Assert.True(bye.Reason.SequenceEqual("leaving"u8));
                    break;
                case RtcpPacketType.TransportFeedback:
                    Assert.True(GenericNack.TryParse(packet, out var nack, out _));
                    Assert.Equal(9u, nack.MediaSsrc);
                    Assert.Equal(3, nack.ItemCount);
                    Assert.Equal(new GenericNackItem(100, 0b1000_0000_0000_0001), nack.GetItem(0));
                    var lost = new ushort[32];
                    Assert.Equal(6, nack.CopyLostSequenceNumbers(lost));
                    Assert.Equal(new ushort[] { 100, 101, 116, 117, 65535, 3 }, lost[..6]);
                    break;
                case RtcpPacketType.PayloadFeedback:
                    Assert.True(PictureLossIndication.TryParse(packet, out var pli, out _));
                    Assert.Equal(new PictureLossIndication(1, 9), pli);
                    break;
                default:
                    Assert.Fail($"unexpected {packet.PacketType}");
                    break;
            }
        }

        Assert.Equal(RtcpParseError.None, walk.Error);
        Assert.Equal(
            [RtcpPacketType.SenderReport, RtcpPacketType.ReceiverReport, RtcpPacketType.SourceDescription, RtcpPacketType.Goodbye, RtcpPacketType.TransportFeedback, RtcpPacketType.PayloadFeedback],
            types);
    }

    [Fact]
    public void Packet_Rfc7714LengthFieldAsPrinted_IsTruncated()
    {
        var packet = (byte[])Rfc7714SenderReport.Clone();
        packet[3] = 0x0d;
        Assert.False(RtcpPacket.TryParse(packet, out _, out _, out var error));
        Assert.Equal(RtcpParseError.Truncated, error);
    }

    [Fact]
    public void Compound_LengthField0xFFFF_IsTruncated()
    {
        var packet = (byte[])Rfc7714SenderReport.Clone();
        packet[2] = 0xFF;
        packet[3] = 0xFF;
        Assert.False(RtcpCompoundPacket.TryValidate(packet, out _, out var error));
        Assert.Equal(RtcpParseError.Truncated, error);
    }

    [Fact]
    public void Compound_SecondPacketBadVersion_StopsTheWalkWithBadVersion()
    {
        var packet = new byte[Rfc7714SenderReport.Length + 8];
        Rfc7714SenderReport.CopyTo(packet, 0);
        packet[Rfc7714SenderReport.Length] = 0x40;
        Assert.False(RtcpCompoundPacket.TryValidate(packet, out var count, out var error));
        Assert.Equal(1, count);
        Assert.Equal(RtcpParseError.BadVersion, error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(200)]
    public void Packet_BadPaddingCount_IsRejected(byte count)
    {
        var packet = (byte[])Rfc7714SenderReport.Clone();
        packet[0] |= 0x20;
        packet[^1] = count;
        Assert.False(RtcpPacket.TryParse(packet, out _, out _, out var error));
        Assert.Equal(RtcpParseError.BadPadding, error);
    }

    [Fact]
    public void SenderReport_CountBeyondTheBody_IsBadLength()
    {
        var packet = (byte[])Rfc7714SenderReport.Clone();
        packet[0] = 0x82;
        Assert.True(RtcpPacket.TryParse(packet, out var parsed, out _, out _));
        Assert.False(SenderReport.TryParse(parsed, out _, out var error));
        Assert.Equal(RtcpParseError.BadLength, error);
    }

    [Fact]
    public void SourceDescription_ItemRunningPastTheChunk_IsTruncated()
    {
        var buffer = new byte[64];
        Assert.True(SourceDescription.TryWriteCname(buffer, 1, "abc"u8, out var n));
        buffer[9] = 200;
        Assert.True(RtcpPacket.TryParse(buffer.AsSpan(0, n), out var packet, out _, out _));
        Assert.False(SourceDescription.TryParse(packet, out _, out var error));
        Assert.Equal(RtcpParseError.Truncated, error);
    }

    [Fact]
    public void Goodbye_ReasonLongerThanThePacket_IsTruncated()
    {
        var buffer = new byte[64];
        Assert.True(Goodbye.TryWrite(buffer, [5u], "x"u8, out var n));
        buffer[8] = 50;
        Assert.True(RtcpPacket.TryParse(buffer.AsSpan(0, n), out var packet, out _, out _));
        Assert.False(Goodbye.TryParse(packet, out _, out var error));
        Assert.Equal(RtcpParseError.Truncated, error);
    }

    [Fact]
    public void Feedback_WrongFormatOrLength_IsRejected()
    {
        var buffer = new byte[16];
        Assert.True(new PictureLossIndication(1, 2).TryWrite(buffer, out var n));
        Assert.True(RtcpPacket.TryParse(buffer.AsSpan(0, n), out var pli, out _, out _));
        Assert.False(GenericNack.TryParse(pli, out _, out var error));
        Assert.Equal(RtcpParseError.WrongType, error);

        buffer[0] = 0x81;
        buffer[1] = 206;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), 3);
        Assert.True(RtcpPacket.TryParse(buffer, out var longPli, out _, out _));
        Assert.False(PictureLossIndication.TryParse(longPli, out _, out error));
        Assert.Equal(RtcpParseError.BadLength, error);
    }

    [Fact]
    public void Writers_WithoutRoom_Refuse()
    {
        var small = new byte[8];
        Assert.False(SenderReport.TryWrite(small, 1, default, [], out _));
        Assert.False(ReceiverReport.TryWrite(small, 1, [default(ReportBlock)], out _));
        Assert.False(SourceDescription.TryWriteCname(small, 1, "abc"u8, out _));
        Assert.False(SourceDescription.TryWriteCname(new byte[600], 1, new byte[256], out _));
        Assert.False(Goodbye.TryWrite(small, [1u, 2u], "x"u8, out _));
        Assert.False(GenericNack.TryWrite(small, 1, 2, [1], out _));
        Assert.False(new PictureLossIndication(1, 2).TryWrite(small, out _));
    }

    [Fact]
    public void NackWriteThenRead_AnyAscendingLossList_RoundTrips()
    {
        Gen.Select(Gen.UShort, Gen.Int[1, 40].Array[1, 60]).Sample((start, gaps) =>
        {
            var lost = new ushort[gaps.Length];
            var seq = start;
            for (var i = 0; i < gaps.Length; i++)
            {
                lost[i] = seq;
                seq = (ushort)(seq + gaps[i]);
            }

            var buffer = new byte[1024];
            var read = new ushort[lost.Length];
            return GenericNack.TryWrite(buffer, 1, 2, lost, out var n)
                && RtcpPacket.TryParse(buffer.AsSpan(0, n), out var packet, out _, out _)
                && GenericNack.TryParse(packet, out var nack, out _)
                && nack.CopyLostSequenceNumbers(read) == lost.Length
                && read.SequenceEqual(lost);
        }, iter: 500);
    }

    [Fact]
    public void ArbitraryBytes_NeverThrow_InAnyReader()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var walk = new RtcpCompoundPacket(bytes);
            var consumed = 0;
            foreach (var packet in walk)
            {
                consumed += packet.Raw.Length;
                if (SenderReport.TryParse(packet, out var sr, out _) && sr.ReportCount > 0)
                {
                    _ = sr.GetReportBlock(sr.ReportCount - 1);
                }

                if (ReceiverReport.TryParse(packet, out var rr, out _) && rr.ReportCount > 0)
                {
                    _ = rr.GetReportBlock(rr.ReportCount - 1);
                }

                if (SourceDescription.TryParse(packet, out var sdes, out _))
                {
                    foreach (var chunk in sdes.Chunks)
                    {
                        chunk.TryGetItem(SourceDescription.CnameItem, out _);
                    }
                }

                _ = Goodbye.TryParse(packet, out _, out _);
                if (GenericNack.TryParse(packet, out var nack, out _))
                {
                    nack.CopyLostSequenceNumbers(new ushort[64]);
                }

                _ = PictureLossIndication.TryParse(packet, out _, out _);
            }

            return consumed <= bytes.Length;
        }, iter: 5000);
    }
}
