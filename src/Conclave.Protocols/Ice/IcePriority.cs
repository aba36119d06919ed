namespace Conclave.Protocols.Ice;

/// <summary>Priority formulas of RFC 8445 §5.1.2 and §6.1.2.3.</summary>
public static class IcePriority
{
    /// <summary>RFC 8445 §5.1.2.2: recommended type preferences.</summary>
    public static int TypePreference(IceCandidateType type) => type switch
    {
        IceCandidateType.Host => 126,
        IceCandidateType.PeerReflexive => 110,
        IceCandidateType.ServerReflexive => 100,
        _ => 0,
    };

    /// <summary>RFC 8445 §5.1.2.1: priority = 2^24·type preference + 2^8·local preference + (256 − component).</summary>
    public static uint Candidate(IceCandidateType type, int localPreference, int component = 1) =>
        (uint)((TypePreference(type) << 24) + ((localPreference & 0xFFFF) << 8) + (256 - component));

    /// <summary>RFC 8445 §6.1.2.3: 2^32·MIN(G,D) + 2·MAX(G,D) + (G&gt;D ? 1 : 0), G the controlling side's priority.</summary>
    public static ulong Pair(uint controlling, uint controlled) =>
        ((ulong)Math.Min(controlling, controlled) << 32) + 2ul * Math.Max(controlling, controlled) + (controlling > controlled ? 1ul : 0ul);
}
