using Conclave.Protocols.Demux;

namespace Conclave.Protocols.Tests.Demux;

/// <summary>RFC 7983 §7 first-byte ranges, and RFC 5761 §4 for RTP versus RTCP.</summary>
public sealed class Rfc7983DemuxTests
{
    [Theory]
    [InlineData(0, PacketKind.Stun)]
    [InlineData(1, PacketKind.Stun)]
    [InlineData(3, PacketKind.Stun)]
    [InlineData(4, PacketKind.Unknown)]
    [InlineData(15, PacketKind.Unknown)]
    [InlineData(16, PacketKind.Zrtp)]
    [InlineData(19, PacketKind.Zrtp)]
    [InlineData(20, PacketKind.Dtls)]
    [InlineData(22, PacketKind.Dtls)]
    [InlineData(63, PacketKind.Dtls)]
    [InlineData(64, PacketKind.TurnChannel)]
    [InlineData(79, PacketKind.TurnChannel)]
    [InlineData(80, PacketKind.Unknown)]
    [InlineData(127, PacketKind.Unknown)]
    [InlineData(192, PacketKind.Unknown)]
    [InlineData(255, PacketKind.Unknown)]
    public void Classify_FirstByte_FollowsRfc7983Ranges(byte first, PacketKind expected) =>
        Assert.Equal(expected, PacketClassifier.Classify([first, 0, 0, 0]));

    [Theory]
    [InlineData(0x80, 0, PacketKind.Rtp)]
    [InlineData(0x90, 111, PacketKind.Rtp)]
    [InlineData(0x80, 0xE0, PacketKind.Rtp)]
    [InlineData(0x80, 191, PacketKind.Rtp)]
    [InlineData(0x81, 192, PacketKind.Rtcp)]
    [InlineData(0x81, 200, PacketKind.Rtcp)]
    [InlineData(0x8F, 206, PacketKind.Rtcp)]
    [InlineData(0xBF, 223, PacketKind.Rtcp)]
    public void Classify_RtpRange_SplitsRtcpByPacketType(byte first, byte second, PacketKind expected) =>
        Assert.Equal(expected, PacketClassifier.Classify([first, second, 0, 0]));

    [Fact]
    public void Classify_EmptyOrOneByteRtp_IsUnknown()
    {
        Assert.Equal(PacketKind.Unknown, PacketClassifier.Classify([]));
        Assert.Equal(PacketKind.Unknown, PacketClassifier.Classify([0x80]));
    }
}
