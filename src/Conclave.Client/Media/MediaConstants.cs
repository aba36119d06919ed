namespace Conclave.Client.Media;

/// <summary>The fixed parameters of Conclave's PCMU audio leg.</summary>
public static class MediaConstants
{
    /// <summary>PCMU clock rate and sample rate: 8000 Hz (RFC 3551 §4.5.14).</summary>
    public const int SampleRate = 8000;

    /// <summary>Static payload type of PCMU (RFC 3551 §6, table 4).</summary>
    public const int PcmuPayloadType = 0;

    /// <summary>Packet time: 20 ms, the RFC 3551 §4.5 default for frame-less codecs.</summary>
    public static readonly TimeSpan PacketTime = TimeSpan.FromMilliseconds(20);

    /// <summary>Samples (and RTP timestamp units) per 20 ms packet at 8 kHz.</summary>
    public const int SamplesPerPacket = 160;
}
