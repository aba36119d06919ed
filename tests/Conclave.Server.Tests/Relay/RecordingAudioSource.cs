using System.Collections.Concurrent;
using Conclave.Client.Media;

namespace Conclave.Server.Tests.Relay;

/// <summary>
/// The tone a <see cref="MediaEndpoint"/> sends, with each frame it read kept as the PCMU bytes the
/// endpoint puts in its RTP payload (the endpoint encodes every frame it reads with <see cref="MuLaw"/>):
/// the plaintext the relay must never see.
/// </summary>
internal sealed class RecordingAudioSource(double frequency) : IAudioSource
{
    private readonly ToneSource _tone = new(frequency);
    private readonly ConcurrentQueue<byte[]> _frames = new();

    public IReadOnlyCollection<byte[]> PcmuFrames => _frames;

    public void Read(Span<short> frame)
    {
        _tone.Read(frame);
        var encoded = new byte[frame.Length];
        MuLaw.Encode(frame, encoded);
        _frames.Enqueue(encoded);
    }
}
