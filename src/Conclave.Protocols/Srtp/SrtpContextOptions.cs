namespace Conclave.Protocols.Srtp;

/// <summary>Settings of one <see cref="SrtpContext"/>.</summary>
public sealed class SrtpContextOptions
{
    /// <summary>RFC 3711 §3.3.2: the replay window MUST be at least 64 packets.</summary>
    public const int MinimumReplayWindowSize = 64;

    /// <summary>Largest window accepted; as large as any RTP sender reorders in practice.</summary>
    public const int MaximumReplayWindowSize = 32768;

    /// <summary>
    /// Default replay window: 1024 packets. The RFC 3711 §3.3.2 minimum of 64 is too small for video: a key
    /// frame at a few Mbit/s leaves as hundreds of packets within milliseconds, and a sender's pacer, a
    /// path over several links or a late retransmission can deliver one of them after a hundred or more of
    /// its successors; with 64 that packet is discarded as too old although it is genuine. libwebrtc, the
    /// stack of Chrome, Edge and Safari, gives every SRTP stream a libsrtp window of 1024, so Conclave
    /// keeps whatever a browser's own receiver would keep (pion/srtp's session defaults to 64 and leaves
    /// larger windows to its callers). A wider window admits no replay: each index is still accepted once,
    /// and only after its tag verified. It costs 128 bytes of bitmap per SSRC, allocated when the SSRC is
    /// first seen.
    /// </summary>
    public const int DefaultReplayWindowSize = 1024;

    /// <summary>Default bound on distinct SSRCs per direction, so hostile SSRCs cannot grow the state without end.</summary>
    public const int DefaultMaxSsrcs = 256;

    /// <summary>
    /// How far behind the highest index received a packet may arrive and still be accepted (once), in packets,
    /// for SRTP and SRTCP alike: a multiple of 64 between 64 and 32768. Default <see cref="DefaultReplayWindowSize"/> (1024).
    /// </summary>
    public int ReplayWindowSize { get; init; } = DefaultReplayWindowSize;

    /// <summary>Most SSRCs tracked per direction (protect and unprotect each). Default 256.</summary>
    public int MaxSsrcs { get; init; } = DefaultMaxSsrcs;

    /// <summary>Whether <paramref name="size"/> is a window a context takes: a multiple of 64 between 64 and 32768.</summary>
    public static bool IsValidReplayWindowSize(int size) =>
        size is >= MinimumReplayWindowSize and <= MaximumReplayWindowSize && size % 64 == 0;

    internal void Validate()
    {
        if (!IsValidReplayWindowSize(ReplayWindowSize))
        {
            throw new ArgumentOutOfRangeException(nameof(ReplayWindowSize), ReplayWindowSize, "must be a multiple of 64 between 64 and 32768");
        }

        if (MaxSsrcs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSsrcs), MaxSsrcs, "must be positive");
        }
    }
}
