using System.Buffers.Binary;
using Conclave.Client.Media;

namespace Conclave.Client.Tests.Media;

public sealed class WavSourceTests
{
    [Theory]
    [InlineData(8000, 1)]
    [InlineData(16000, 2)]
    [InlineData(48000, 1)]
    public void TryLoad_PcmToneAtAnyRate_PlaysTheToneAt8kHz(int rate, int channels)
    {
        byte[] wav = Wav(rate, channels, seconds: 1, frequency: 700);
        Assert.True(WavSource.TryLoad(wav, out WavSource? source));

        short[] block = new short[4000];
        source!.Read(block);
        Assert.True(Goertzel.PowerRatio(block, 700, 8000) > 0.9);
        Assert.True(Goertzel.PowerRatio(block, 1000, 8000) < 0.05);
    }

    [Fact]
    public void TryLoad_NotPcm16_IsRejected()
    {
        byte[] wav = Wav(8000, 1, seconds: 0.1, frequency: 700);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(34), 8); // bits per sample
        Assert.False(WavSource.TryLoad(wav, out _));
        Assert.False(WavSource.TryLoad("RIFF\0\0\0\0WAVE"u8, out _));
        Assert.False(WavSource.TryLoad(wav.AsSpan(0, 30), out _));
    }

    [Fact]
    public void TryLoad_ChunkLengthBeyondFile_IsRejected()
    {
        byte[] wav = Wav(8000, 1, seconds: 0.1, frequency: 700);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), uint.MaxValue);
        Assert.False(WavSource.TryLoad(wav, out _));
    }

    private static byte[] Wav(int rate, int channels, double seconds, double frequency)
    {
        int frames = (int)(rate * seconds);
        int dataLength = frames * channels * 2;
        var wav = new byte[44 + dataLength];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(4), (uint)(36 + dataLength));
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(24), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(28), (uint)(rate * channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(32), (ushort)(channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), (uint)dataLength);
        for (int i = 0; i < frames; i++)
        {
            short sample = (short)Math.Round(12000 * Math.Sin(2 * Math.PI * frequency * i / rate));
            for (int c = 0; c < channels; c++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + (((i * channels) + c) * 2)), sample);
            }
        }

        return wav;
    }
}
