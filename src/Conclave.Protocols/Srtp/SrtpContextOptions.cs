namespace Conclave.Protocols.Srtp;

/// <summary>Settings of one <see cref="SrtpContext"/>.</summary>
public sealed class SrtpContextOptions
{
    /// <summary>RFC 3711 §3.3.2: the replay window MUST be at least 64 packets.</summary>
    public const int MinimumReplayWindowSize = 64;

    /// <summary>Largest window accepted; as large as any RTP sender reorders in practice.</summary>
    public const int MaximumReplayWindowSize = 32768;

    /// <summary>Default replay window: 64 packets, the RFC 3711 §3.3.2 minimum.</summary>
    public const int DefaultReplayWindowSize = 64;

    /// <summary>Default bound on distinct SSRCs per direction, so hostile SSRCs cannot grow the state without end.</summary>
    public const int DefaultMaxSsrcs = 256;

    /// <summary>Replay window size in packets for SRTP and SRTCP; a multiple of 64 between 64 and 32768. Default 64.</summary>
    public int ReplayWindowSize { get; init; } = DefaultReplayWindowSize;

    /// <summary>Most SSRCs tracked per direction (protect and unprotect each). Default 256.</summary>
    public int MaxSsrcs { get; init; } = DefaultMaxSsrcs;

    internal void Validate()
    {
        if (ReplayWindowSize is < MinimumReplayWindowSize or > MaximumReplayWindowSize || ReplayWindowSize % 64 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ReplayWindowSize), ReplayWindowSize, "must be a multiple of 64 between 64 and 32768");
        }

        if (MaxSsrcs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSsrcs), MaxSsrcs, "must be positive");
        }
    }
}
