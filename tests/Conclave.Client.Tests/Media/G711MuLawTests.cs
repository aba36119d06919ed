using Conclave.Client.Media;
using CsCheck;

namespace Conclave.Client.Tests.Media;

/// <summary>ITU-T G.711 µ-law: the code table values (16-bit linear, as the reference decoders give them).</summary>
public sealed class G711MuLawTests
{
    [Theory]
    [InlineData(0x00, -32124)] // most negative code
    [InlineData(0x0F, -16764)] // segment 7, step 0
    [InlineData(0x10, -15996)] // segment 6, step 15
    [InlineData(0x70, -120)]   // segment 0, step 15
    [InlineData(0x7E, -8)]
    [InlineData(0x7F, 0)]      // negative zero
    [InlineData(0x80, 32124)]  // most positive code
    [InlineData(0x8F, 16764)]
    [InlineData(0xEF, 132)]    // segment 1, step 0
    [InlineData(0xFE, 8)]
    [InlineData(0xFF, 0)]      // positive zero
    public void Decode_TableCodes_GiveG711Values(int code, int linear)
    {
        Assert.Equal(linear, MuLaw.Decode((byte)code));
    }

    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0x7F)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(32124, 0x80)]
    [InlineData(16764, 0x8F)]
    [InlineData(-120, 0x70)]
    [InlineData(132, 0xEF)]
    public void Encode_Samples_GiveG711Codes(int linear, int code)
    {
        Assert.Equal(code, MuLaw.Encode((short)linear));
    }

    [Fact]
    public void EncodeDecode_EveryCode_RoundTripsExceptNegativeZero()
    {
        for (int code = 0; code < 256; code++)
        {
            byte expected = code == 0x7F ? (byte)0xFF : (byte)code;
            Assert.Equal(expected, MuLaw.Encode(MuLaw.Decode((byte)code)));
        }
    }

    [Fact]
    public void Encode_AnySample_DecodesWithinHalfTheSegmentStep()
    {
        Gen.Short.Sample(sample =>
        {
            short decoded = MuLaw.Decode(MuLaw.Encode(sample));
            int magnitude = Math.Min(Math.Abs((int)sample), 32635);

            // Segment e spans steps of 2^(e+3) in the 16-bit domain (with the bias of 132).
            int segment = Math.Max(0, (int)Math.Log2(magnitude + 132) - 7);
            int step = 1 << (segment + 3);
            return Math.Abs(Math.Clamp((int)sample, -32635, 32635) - decoded) <= step;
        });
    }
}
