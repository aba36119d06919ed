namespace Conclave.Client.Media;

/// <summary>A snapshot of a call leg's RTP counters (the figures of RFC 3550 §6.4).</summary>
/// <param name="PacketsSent">RTP packets sent.</param>
/// <param name="BytesSent">RTP payload octets sent (the SR octet count).</param>
/// <param name="PacketsReceived">RTP packets received and authenticated.</param>
/// <param name="BytesReceived">RTP payload octets received.</param>
/// <param name="PacketsLost">Cumulative loss (RFC 3550 A.3: expected from the extended highest sequence minus received).</param>
/// <param name="ExtendedHighestSequence">Extended highest sequence number received (RFC 3550 A.1).</param>
/// <param name="JitterTimestampUnits">Interarrival jitter in RTP timestamp units (RFC 3550 A.8).</param>
/// <param name="PacketsRejected">Packets dropped because SRTP/SRTCP authentication or parsing failed.</param>
/// <param name="RtcpSent">RTCP compound packets sent.</param>
/// <param name="RtcpReceived">RTCP compound packets received and authenticated.</param>
public sealed record MediaStatistics(
    long PacketsSent,
    long BytesSent,
    long PacketsReceived,
    long BytesReceived,
    long PacketsLost,
    uint ExtendedHighestSequence,
    double JitterTimestampUnits,
    long PacketsRejected,
    long RtcpSent,
    long RtcpReceived)
{
    /// <summary>Jitter in milliseconds at the 8 kHz PCMU clock.</summary>
    public double JitterMilliseconds => JitterTimestampUnits * 1000 / MediaConstants.SampleRate;
}
