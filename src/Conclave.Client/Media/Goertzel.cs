namespace Conclave.Client.Media;

/// <summary>
/// The Goertzel algorithm: the power of one frequency in a block of samples, as a single DFT bin
/// computed by a second-order recursion (no FFT needed to check one tone).
/// </summary>
public static class Goertzel
{
    /// <summary>
    /// Share of the block's power that lies at <paramref name="frequency"/>, between 0 and about 1.
    /// A pure sinusoid at that frequency gives close to 1; silence or another tone close to 0.
    /// </summary>
    /// <param name="samples">Linear samples.</param>
    /// <param name="frequency">Frequency to measure, in Hz.</param>
    /// <param name="sampleRate">Sample rate, in Hz.</param>
    public static double PowerRatio(ReadOnlySpan<short> samples, double frequency, int sampleRate)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        double energy = 0;
        foreach (short s in samples)
        {
            energy += (double)s * s;
        }

        if (energy == 0)
        {
            return 0;
        }

        // A sinusoid of amplitude A over N samples has bin power |X|² ≈ (A·N/2)² and energy ≈ A²·N/2,
        // so 2·|X|² / (N·energy) is 1 for a pure tone.
        return 2 * Power(samples, frequency, sampleRate) / (samples.Length * energy);
    }

    /// <summary>The squared magnitude |X(f)|² of the block's DFT at <paramref name="frequency"/>.</summary>
    public static double Power(ReadOnlySpan<short> samples, double frequency, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        double coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0;
        double beforePrevious = 0;
        foreach (short s in samples)
        {
            double current = s + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }
}
