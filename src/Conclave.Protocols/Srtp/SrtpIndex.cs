namespace Conclave.Protocols.Srtp;

/// <summary>The 48-bit SRTP packet index i = 2^16 * ROC + SEQ (RFC 3711 §3.3.1).</summary>
internal static class SrtpIndex
{
    public const ulong Max = (1UL << 48) - 1;

    private const int Half = 1 << 15;

    /// <summary>
    /// RFC 3711 Appendix A: the index of <paramref name="seq"/> relative to the highest index seen,
    /// choosing ROC-1, ROC or ROC+1 so the guess lies within 2^15 of it. While the ROC is 0 a guess
    /// below zero is not possible and ROC 0 is kept (as libsrtp does for a stream's first packets).
    /// </summary>
    public static ulong Estimate(ulong highest, ushort seq)
    {
        var roc = highest >> 16;
        var last = (int)(highest & 0xFFFF);
        if (last < Half)
        {
            if (seq - last > Half && roc > 0)
            {
                roc--;
            }
        }
        else if (last - Half > seq)
        {
            roc++;
        }

        return (roc << 16) | seq;
    }
}
