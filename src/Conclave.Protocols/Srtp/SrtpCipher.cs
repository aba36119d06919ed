namespace Conclave.Protocols.Srtp;

/// <summary>
/// The packet transform of one profile, given the packet index that <see cref="SrtpContext"/> worked
/// out. Every span passed in is already length-checked by the context; the transform only computes.
/// </summary>
internal abstract class SrtpCipher : IDisposable
{
    public abstract int RtpTagLength { get; }

    public abstract int RtcpTagLength { get; }

    /// <summary>Offset of the E-bit and SRTCP index word in a protected SRTCP packet of <paramref name="length"/> bytes.</summary>
    public abstract int RtcpIndexOffset(int length);

    /// <summary>Encrypts the payload in place and appends the tag; returns the protected length.</summary>
    public abstract int ProtectRtp(Span<byte> buffer, int headerLength, int length, uint ssrc, ulong index);

    /// <summary>Verifies the tag of the packet of <paramref name="length"/> bytes (tag included), then decrypts in place.</summary>
    public abstract bool UnprotectRtp(Span<byte> buffer, int headerLength, int length, uint ssrc, ulong index);

    /// <summary>Encrypts everything after the first 8 bytes, appends the SRTCP trailer; returns the protected length.</summary>
    public abstract int ProtectRtcp(Span<byte> buffer, int length, uint ssrc, uint index);

    /// <summary>Verifies and (when E is set) decrypts; <paramref name="indexWord"/> is the E-bit and index as sent.</summary>
    public abstract bool UnprotectRtcp(Span<byte> buffer, int length, uint ssrc, uint indexWord, out int plainLength);

    public abstract void Dispose();
}
