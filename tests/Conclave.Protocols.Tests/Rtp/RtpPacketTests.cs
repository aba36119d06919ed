using Conclave.Protocols.Rtp;
using Conclave.Protocols.Tests.Srtp;
using CsCheck;

namespace Conclave.Protocols.Tests.Rtp;

public sealed class RtpPacketTests
{
    // The RTP packet of RFC 7714 §16.1: V=2, PT 64, seq 0xf17b, timestamp 0x8041f8d3, SSRC 0x5501a0b2.
    private static readonly byte[] Rfc7714Packet = Hex.Bytes(
        "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976 69736120 696e2070 61727465 73207472 6573");

    [Fact]
    public void TryParse_Rfc7714Packet_ReadsEveryField()
    {
        Assert.True(RtpPacket.TryParse(Rfc7714Packet, out var packet, out var error));
        Assert.Equal(RtpParseError.None, error);
        Assert.Equal(2, packet.Version);
        Assert.False(packet.Marker);
        Assert.Equal(64, packet.PayloadType);
        Assert.Equal(0xf17b, packet.SequenceNumber);
        Assert.Equal(0x8041f8d3u, packet.Timestamp);
        Assert.Equal(0x5501a0b2u, packet.Ssrc);
        Assert.Equal(12, packet.HeaderLength);
        Assert.Equal("Gallia est omnis divisa in partes tres", System.Text.Encoding.ASCII.GetString(packet.Payload));
    }

    [Fact]
    public void Write_ThenParse_WithCsrcsOneByteExtensionAndPadding_RoundTrips()
    {
        Span<byte> extensionBuffer = stackalloc byte[32];
        var extensions = new RtpHeaderExtensionWriter(extensionBuffer, RtpHeaderExtensionFormat.OneByte);
        Assert.True(extensions.TryAdd(1, [0x30]));
        Assert.True(extensions.TryAdd(3, [1, 2, 3]));
        Assert.False(extensions.TryAdd(15, [1]));
        Assert.False(extensions.TryAdd(2, new byte[17]));
        var header = new RtpHeader(true, 111, 65535, 0xFFFFFFFF, 0xDEADBEEF);
        var payload = "opus frame"u8;
        var buffer = new byte[128];

        Assert.True(RtpPacketWriter.TryWrite(buffer, header, [7u, 8u], extensions.Profile, extensions.WrittenSpan, payload, 4, out var written, out _));
        Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, written), out var packet, out _));
        Assert.Equal(header, packet.Header);
        Assert.Equal(2, packet.CsrcCount);
        Assert.Equal(8u, packet.GetCsrc(1));
        Assert.Equal(RtpHeaderExtensionProfiles.OneByte, packet.ExtensionProfile);
        Assert.Equal(4, packet.PaddingLength);
        Assert.True(payload.SequenceEqual(packet.Payload));

        var found = new List<(byte, byte[])>();
        var walk = packet.Extensions;
        foreach (var element in walk)
        {
            found.Add((element.Id, element.Data.ToArray()));
        }

        Assert.Equal([(1, [0x30]), (3, [1, 2, 3])], found.Select(f => (f.Item1, f.Item2)).ToArray(), new ElementComparer());
    }

    [Fact]
    public void TwoByteExtension_WithEmptyAndLongElements_RoundTrips()
    {
        var extensionBuffer = new byte[512];
        var extensions = new RtpHeaderExtensionWriter(extensionBuffer, RtpHeaderExtensionFormat.TwoByte);
        Assert.True(extensions.TryAdd(200, []));
        Assert.True(extensions.TryAdd(17, new byte[255]));
        var buffer = new byte[1024];

        Assert.True(RtpPacketWriter.TryWrite(buffer, new RtpHeader(false, 96, 1, 2, 3), [], extensions.Profile, extensions.WrittenSpan, [], 0, out var written, out _));
        Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, written), out var packet, out _));
        var enumerator = packet.Extensions;
        Assert.True(enumerator.MoveNext());
        Assert.Equal(200, enumerator.Current.Id);
        Assert.Equal(0, enumerator.Current.Data.Length);
        Assert.True(enumerator.MoveNext());
        Assert.Equal(17, enumerator.Current.Id);
        Assert.Equal(255, enumerator.Current.Data.Length);
        Assert.False(enumerator.MoveNext());
        Assert.Equal(RtpParseError.None, enumerator.Error);
    }

    [Fact]
    public void Extensions_ElementOverrunningTheBlock_StopsWithBadExtension()
    {
        // One-byte element id 1 claiming 16 bytes in a 4-byte block.
        var enumerator = new RtpHeaderExtensionEnumerator(RtpHeaderExtensionProfiles.OneByte, [0x1F, 1, 2, 3]);
        Assert.False(enumerator.MoveNext());
        Assert.Equal(RtpParseError.BadExtension, enumerator.Error);
    }

    [Fact]
    public void Extensions_OneByteId15_EndsTheWalk()
    {
        var enumerator = new RtpHeaderExtensionEnumerator(RtpHeaderExtensionProfiles.OneByte, [0x10, 9, 0xF0, 0x10, 5, 0, 0, 0]);
        Assert.True(enumerator.MoveNext());
        Assert.Equal(1, enumerator.Current.Id);
        Assert.False(enumerator.MoveNext());
        Assert.Equal(RtpParseError.None, enumerator.Error);
    }

    [Fact]
    public void TryParse_EveryTruncation_IsRejected()
    {
        var buffer = new byte[64];
        Assert.True(RtpPacketWriter.TryWrite(buffer, new RtpHeader(false, 0, 1, 1, 1), [1u, 2u, 3u], 0xBEDE, new byte[8], [], 0, out var written, out _));
        for (var cut = 0; cut < written; cut++)
        {
            Assert.False(RtpPacket.TryParse(buffer.AsSpan(0, cut), out _, out var error));
            Assert.Equal(RtpParseError.Truncated, error);
        }
    }

    [Theory]
    [InlineData(0x00, RtpParseError.BadVersion)]
    [InlineData(0x40, RtpParseError.BadVersion)]
    [InlineData(0xC0, RtpParseError.BadVersion)]
    public void TryParse_NotVersion2_IsRejected(byte first, RtpParseError expected)
    {
        var packet = (byte[])Rfc7714Packet.Clone();
        packet[0] = first;
        Assert.False(RtpPacket.TryParse(packet, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(39)]
    [InlineData(255)]
    public void TryParse_PaddingCountZeroOrBeyondThePayload_IsBadPadding(byte count)
    {
        var packet = (byte[])Rfc7714Packet.Clone();
        packet[0] |= 0x20;
        packet[^1] = count;
        Assert.False(RtpPacket.TryParse(packet, out _, out var error));
        Assert.Equal(RtpParseError.BadPadding, error);
    }

    [Fact]
    public void TryParse_ExtensionLength0xFFFF_IsTruncated()
    {
        var packet = TestPackets.Rtp(1, 1, 100, extension: true);
        packet[14] = 0xFF;
        packet[15] = 0xFF;
        Assert.False(RtpPacket.TryParse(packet, out _, out var error));
        Assert.Equal(RtpParseError.Truncated, error);
    }

    [Fact]
    public void TryWrite_InvalidFields_AreRefused()
    {
        var buffer = new byte[64];
        Assert.False(RtpPacketWriter.TryWrite(buffer, new RtpHeader(false, 128, 1, 1, 1), [], 0, [], [], 0, out _, out var error));
        Assert.Equal(RtpParseError.InvalidValue, error);
        Assert.False(RtpPacketWriter.TryWrite(buffer, new RtpHeader(false, 1, 1, 1, 1), [], 0xBEDE, new byte[3], [], 0, out _, out error));
        Assert.Equal(RtpParseError.InvalidValue, error);
        Assert.False(RtpPacketWriter.TryWrite(buffer, new RtpHeader(false, 1, 1, 1, 1), [], 0, [], new byte[60], 0, out _, out error));
        Assert.Equal(RtpParseError.Truncated, error);
    }

    [Fact]
    public void WriteThenParse_AnyPacket_RoundTrips()
    {
        Gen.Select(Gen.Bool, Gen.Byte[0, 127], Gen.UShort, Gen.UInt, Gen.UInt, Gen.UInt.Array[0, 15], Gen.Byte.Array[0, 300], Gen.Byte[0, 40])
            .Sample((marker, pt, seq, ts, ssrc, csrcs, payload, padding) =>
            {
                var header = new RtpHeader(marker, pt, seq, ts, ssrc);
                var buffer = new byte[500];
                if (!RtpPacketWriter.TryWrite(buffer, header, csrcs, 0, [], payload, padding, out var written, out _))
                {
                    return false;
                }

                return RtpPacket.TryParse(buffer.AsSpan(0, written), out var packet, out _)
                    && packet.Header == header
                    && packet.CsrcCount == csrcs.Length
                    && Enumerable.Range(0, csrcs.Length).All(i => GetCsrc(buffer, written, i) == csrcs[i])
                    && packet.Payload.SequenceEqual(payload)
                    && packet.PaddingLength == padding;
            }, iter: 500);
    }

    [Fact]
    public void TryParse_ArbitraryBytes_NeverThrows_AndViewsStayInBounds()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            if (!RtpPacket.TryParse(bytes, out var packet, out _))
            {
                return true;
            }

            var total = packet.HeaderLength + packet.Payload.Length + packet.PaddingLength;
            var walk = packet.Extensions;
            while (walk.MoveNext())
            {
                _ = walk.Current.Data.Length;
            }

            return total == bytes.Length;
        }, iter: 5000);
    }

    private static uint GetCsrc(byte[] buffer, int length, int index)
    {
        Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, length), out var packet, out _));
        return packet.GetCsrc(index);
    }

    private sealed class ElementComparer : IEqualityComparer<(byte, byte[])>
    {
        public bool Equals((byte, byte[]) x, (byte, byte[]) y) => x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2);

        public int GetHashCode((byte, byte[]) obj) => obj.Item1;
    }
}
