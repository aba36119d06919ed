using System.Buffers.Binary;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;
using CsCheck;

namespace Conclave.Protocols.Tests.Turn;

public class ChannelDataTests
{
    [Fact]
    public void WriteThenParse_RoundTrips_WithAndWithoutPadding()
    {
        Gen.Select(Gen.UShort[ChannelData.MinChannel, ChannelData.MaxChannel], Gen.Byte.Array[0, 300], Gen.Bool).Sample((channel, payload, pad) =>
        {
            var buffer = new byte[ChannelData.GetEncodedLength(payload.Length, pad)];
            Assert.True(ChannelData.TryWrite(buffer, channel, payload, pad, out var written));
            Assert.Equal(buffer.Length, written);
            Assert.Equal(pad ? 0 : payload.Length % 4 == 0 ? 0 : payload.Length % 4, pad ? written % 4 : payload.Length % 4);
            Assert.True(ChannelData.TryParse(buffer, stream: pad, out var frame, out var consumed, out _));
            Assert.Equal(channel, frame.ChannelNumber);
            Assert.Equal(payload, frame.Data.ToArray());
            Assert.Equal(written, consumed);
        }, iter: 500);
    }

    [Theory]
    [InlineData(0x3FFF)]
    [InlineData(0x5000)]
    [InlineData(0x7FFF)]
    [InlineData(0xFFFF)]
    public void ChannelOutsideTheRange_IsRejected(int channel)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)channel);
        Assert.False(ChannelData.TryParse(b, out _, out var error));
        Assert.Equal(StunParseError.InvalidChannelNumber, error);
        Assert.False(ChannelData.TryWrite(new byte[8], (ushort)channel, [], pad: false, out _));
    }

    [Theory]
    [InlineData(0xFFFF, 8)]
    [InlineData(5, 8)]
    [InlineData(1, 4)]
    public void LengthPastTheEnd_IsRejected(int declared, int size)
    {
        var b = new byte[size];
        BinaryPrimitives.WriteUInt16BigEndian(b, 0x4001);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)declared);
        Assert.False(ChannelData.TryParse(b, out _, out var error));
        Assert.Equal(StunParseError.LengthMismatch, error);
    }

    [Fact]
    public void StreamFraming_NeedsThePadding_AndConsumesOneFrame()
    {
        var b = new byte[16];
        Assert.True(ChannelData.TryWrite(b, 0x4001, [1, 2, 3, 4, 5], pad: true, out var first));
        Assert.Equal(12, first);
        Assert.False(ChannelData.TryParse(b.AsSpan(0, 9), stream: true, out _, out _, out _));
        Assert.True(ChannelData.TryParse(b, stream: true, out var frame, out var consumed, out _));
        Assert.Equal(12, consumed);
        Assert.Equal(5, frame.Data.Length);
    }

    [Fact]
    public void TooShortOrTooSmallDestination_IsRejectedWithoutThrowing()
    {
        Assert.False(ChannelData.TryParse([0x40, 0x00, 0x00], out _, out var error));
        Assert.Equal(StunParseError.TooShort, error);
        Assert.False(ChannelData.TryWrite(new byte[5], 0x4000, [1, 2, 3], pad: false, out _));
    }
}
