namespace Conclave.Client.Media;

/// <summary>Produces 8 kHz mono 16-bit linear audio, one frame at a time.</summary>
public interface IAudioSource
{
    /// <summary>Fills <paramref name="frame"/> with the next samples.</summary>
    void Read(Span<short> frame);
}
