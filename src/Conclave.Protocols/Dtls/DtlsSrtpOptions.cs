namespace Conclave.Protocols.Dtls;

/// <summary>Settings of one DTLS-SRTP handshake.</summary>
public sealed class DtlsSrtpOptions
{
    /// <summary>
    /// Whole-handshake limit: 10 s. Retransmission starts at 1 s and doubles (RFC 6347 §4.2.4.1), so
    /// 10 s allows three retransmissions of a lost flight before giving up.
    /// </summary>
    public static readonly TimeSpan DefaultHandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>RFC 6347 §4.2.4.1: the retransmission timer starts at 1 s and doubles on each timeout.</summary>
    public static readonly TimeSpan DefaultInitialRetransmitTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Default options: <see cref="DefaultHandshakeTimeout"/> and Conclave's profile preference.</summary>
    public static DtlsSrtpOptions Default { get; } = new();

    /// <summary>How long the handshake may take before it fails with <see cref="DtlsSrtpError.Timeout"/>. Default 10 s.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = DefaultHandshakeTimeout;

    /// <summary>
    /// Wait before the first retransmission of an unanswered flight; BouncyCastle's timer doubles it
    /// each time up to 60 s. Default <see cref="DefaultInitialRetransmitTimeout"/>.
    /// </summary>
    public TimeSpan InitialRetransmitTimeout { get; init; } = DefaultInitialRetransmitTimeout;

    /// <summary>
    /// SRTP protection profiles, best first: offered in this order as client, chosen by this order as
    /// server. Default <see cref="DtlsSrtpProtectionProfiles.ConclavePreference"/>.
    /// </summary>
    public IReadOnlyList<ushort> SrtpProfiles { get; init; } = DtlsSrtpProtectionProfiles.ConclavePreference;

    internal int HandshakeTimeoutMillis => (int)Math.Clamp(HandshakeTimeout.TotalMilliseconds, 1, int.MaxValue);

    internal int InitialRetransmitMillis => (int)Math.Clamp(InitialRetransmitTimeout.TotalMilliseconds, 1, 60_000);

    internal int[] ProfileIds()
    {
        if (SrtpProfiles.Count == 0 || !SrtpProfiles.All(DtlsSrtpProtectionProfiles.IsKnown))
        {
            throw new ArgumentException("SrtpProfiles must list at least one known profile.");
        }

        return SrtpProfiles.Select(p => (int)p).ToArray();
    }
}
