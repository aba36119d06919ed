namespace Conclave.Client.Media;

/// <summary>A continuous sine tone, the synthetic audio a test call sends.</summary>
public sealed class ToneSource : IAudioSource
{
    /// <summary>Default amplitude: about −6 dBFS, loud enough to detect, far from clipping.</summary>
    public const short DefaultAmplitude = 16000;

    private readonly double _step;
    private readonly short _amplitude;
    private double _phase;

    /// <param name="frequency">Tone frequency in Hz; below half the sample rate.</param>
    /// <param name="sampleRate">Sample rate in Hz; default 8000 (PCMU).</param>
    /// <param name="amplitude">Peak amplitude; default <see cref="DefaultAmplitude"/>.</param>
    public ToneSource(double frequency, int sampleRate = MediaConstants.SampleRate, short amplitude = DefaultAmplitude)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frequency);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frequency, sampleRate / 2.0);
        _step = 2 * Math.PI * frequency / sampleRate;
        _amplitude = amplitude;
    }

    public void Read(Span<short> frame)
    {
        for (int i = 0; i < frame.Length; i++)
        {
            frame[i] = (short)Math.Round(_amplitude * Math.Sin(_phase));
            _phase += _step;
        }

        // Keep the phase small so precision does not drift over a long call.
        _phase %= 2 * Math.PI;
    }
}
