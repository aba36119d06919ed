using System.Buffers.Binary;

namespace Conclave.Client.Media;

/// <summary>
/// Plays a RIFF/WAVE file of 16-bit PCM in a loop. Stereo is mixed down and other sample rates are
/// resampled to 8 kHz by linear interpolation, which is enough for test prompts.
/// </summary>
public sealed class WavSource : IAudioSource
{
    private readonly short[] _samples;
    private int _position;

    private WavSource(short[] samples) => _samples = samples;

    /// <summary>Loads a WAV file; false when it is not 16-bit PCM or is malformed.</summary>
    public static bool TryLoad(ReadOnlySpan<byte> file, out WavSource? source)
    {
        source = null;
        if (file.Length < 12 || !file[..4].SequenceEqual("RIFF"u8) || !file.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            return false;
        }

        int channels = 0;
        int rate = 0;
        int bits = 0;
        ReadOnlySpan<byte> data = default;
        int at = 12;
        while (at + 8 <= file.Length)
        {
            ReadOnlySpan<byte> id = file.Slice(at, 4);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(at + 4, 4));
            at += 8;
            if (size > (uint)(file.Length - at))
            {
                return false;
            }

            ReadOnlySpan<byte> body = file.Slice(at, (int)size);
            if (id.SequenceEqual("fmt "u8) && body.Length >= 16)
            {
                ushort format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
                if (format != 1)
                {
                    return false;
                }
            }
            else if (id.SequenceEqual("data"u8))
            {
                data = body;
            }

            // RIFF chunks are padded to an even length.
            at += (int)size + (int)(size & 1);
        }

        if (channels is < 1 or > 8 || bits != 16 || rate is < 1000 or > 384000 || data.Length < 2 * channels)
        {
            return false;
        }

        int frames = data.Length / (2 * channels);
        var mono = new short[frames];
        for (int i = 0; i < frames; i++)
        {
            int sum = 0;
            for (int c = 0; c < channels; c++)
            {
                sum += BinaryPrimitives.ReadInt16LittleEndian(data[(((i * channels) + c) * 2)..]);
            }

            mono[i] = (short)(sum / channels);
        }

        source = new WavSource(rate == MediaConstants.SampleRate ? mono : Resample(mono, rate, MediaConstants.SampleRate));
        return true;
    }

    public void Read(Span<short> frame)
    {
        for (int i = 0; i < frame.Length; i++)
        {
            frame[i] = _samples[_position];
            _position = (_position + 1) % _samples.Length;
        }
    }

    private static short[] Resample(short[] input, int fromRate, int toRate)
    {
        int length = Math.Max(1, (int)((long)input.Length * toRate / fromRate));
        var output = new short[length];
        double step = (double)fromRate / toRate;
        for (int i = 0; i < length; i++)
        {
            double position = i * step;
            int index = (int)position;
            double fraction = position - index;
            short a = input[Math.Min(index, input.Length - 1)];
            short b = input[Math.Min(index + 1, input.Length - 1)];
            output[i] = (short)Math.Round(a + ((b - a) * fraction));
        }

        return output;
    }
}
