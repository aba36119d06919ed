namespace Conclave.Protocols.Srtp;

/// <summary>Per-SSRC state of one direction: the highest index seen and, when receiving, its replay window.</summary>
internal sealed class SrtpStreamState(int replayWindowSize)
{
    /// <summary>Highest SRTP index (sending and receiving) or SRTCP index (receiving) seen so far.</summary>
    public ulong Highest { get; set; }

    /// <summary>Next SRTCP index to send (RFC 3711 §3.4: starts at 0, +1 per packet, modulo 2^31).</summary>
    public uint NextRtcpIndex { get; set; }

    public ReplayWindow Window { get; } = new(replayWindowSize);
}
