namespace Conclave.Client.Media;

/// <summary>
/// G.711 µ-law (ITU-T G.711 §2, the PCMU payload of RFC 3551 §4.5.14): 14-bit linear samples
/// companded to 8 bits. Encoding uses the usual bias-and-segment form, which gives G.711's table.
/// </summary>
public static class MuLaw
{
    /// <summary>Bias added before finding the segment (G.711: 33 in the 14-bit domain, 132 in 16-bit).</summary>
    private const int Bias = 0x84;

    /// <summary>Largest magnitude that is encoded without clipping, in the 16-bit domain.</summary>
    private const int Clip = 32635;

    /// <summary>Encodes one 16-bit linear sample.</summary>
    public static byte Encode(short sample)
    {
        int value = sample;
        int sign = (value >> 8) & 0x80;
        if (sign != 0)
        {
            value = -value;
        }

        value = Math.Min(value, Clip) + Bias;

        // The segment is the position of the highest set bit above bit 7 (values 0x84..0x7FFF).
        int exponent = 7;
        for (int mask = 0x4000; (value & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        int mantissa = (value >> (exponent + 3)) & 0x0F;

        // G.711 transmits the bitwise complement.
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    /// <summary>Decodes one µ-law byte to a 16-bit linear sample.</summary>
    public static short Decode(byte encoded)
    {
        int value = ~encoded & 0xFF;
        int exponent = (value >> 4) & 0x07;
        int mantissa = value & 0x0F;
        int magnitude = (((mantissa << 3) + Bias) << exponent) - Bias;
        return (short)((value & 0x80) != 0 ? -magnitude : magnitude);
    }

    /// <summary>Encodes <paramref name="samples"/> into <paramref name="destination"/> (same length).</summary>
    public static void Encode(ReadOnlySpan<short> samples, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, samples.Length);
        for (int i = 0; i < samples.Length; i++)
        {
            destination[i] = Encode(samples[i]);
        }
    }

    /// <summary>Decodes <paramref name="encoded"/> into <paramref name="destination"/> (same length).</summary>
    public static void Decode(ReadOnlySpan<byte> encoded, Span<short> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, encoded.Length);
        for (int i = 0; i < encoded.Length; i++)
        {
            destination[i] = Decode(encoded[i]);
        }
    }
}
