using Conclave.Client.Media;

namespace Conclave.Client.Tests.Media;

public sealed class GoertzelTests
{
    [Fact]
    public void Power_ConstantBlockAtZeroHertz_IsTheSquaredSum()
    {
        // The DFT bin at 0 Hz is the sum of the samples: 8 × 1000, so |X|² = 6.4e7.
        short[] block = [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000];
        Assert.Equal(64_000_000, Goertzel.Power(block, 0, 8000), 6);
    }

    [Fact]
    public void Power_SineOnABin_IsHalfAmplitudeTimesLengthSquared()
    {
        // 1000 Hz at 8 kHz over 80 samples: exactly 10 periods, bin k = 10. |X| = A·N/2.
        short[] block = new short[80];
        for (int i = 0; i < block.Length; i++)
        {
            block[i] = (short)Math.Round(10000 * Math.Sin(2 * Math.PI * 1000 * i / 8000));
        }

        double expected = Math.Pow(10000 * 80 / 2.0, 2);
        Assert.Equal(1, Goertzel.Power(block, 1000, 8000) / expected, 3);
    }

    [Theory]
    [InlineData(440)]
    [InlineData(1000)]
    [InlineData(2600)]
    public void PowerRatio_ToneAtItsFrequency_IsNearOneAndElsewhereNearZero(double frequency)
    {
        short[] block = new short[4000];
        new ToneSource(frequency).Read(block);

        Assert.InRange(Goertzel.PowerRatio(block, frequency, 8000), 0.95, 1.05);
        Assert.InRange(Goertzel.PowerRatio(block, frequency + 200, 8000), 0, 0.01);
        Assert.InRange(Goertzel.PowerRatio(block, frequency / 2, 8000), 0, 0.01);
    }

    [Fact]
    public void PowerRatio_Silence_IsZero()
    {
        Assert.Equal(0, Goertzel.PowerRatio(new short[4000], 1000, 8000));
        Assert.Equal(0, Goertzel.PowerRatio([], 1000, 8000));
    }

    [Fact]
    public void PowerRatio_ToneThroughMuLaw_StillDetected()
    {
        short[] block = new short[4000];
        new ToneSource(1000).Read(block);
        byte[] encoded = new byte[block.Length];
        MuLaw.Encode(block, encoded);
        short[] decoded = new short[block.Length];
        MuLaw.Decode(encoded, decoded);

        Assert.True(Goertzel.PowerRatio(decoded, 1000, 8000) > 0.95);
        Assert.True(Goertzel.PowerRatio(decoded, 440, 8000) < 0.01);
    }
}
