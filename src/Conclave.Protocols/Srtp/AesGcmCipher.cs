using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Conclave.Protocols.Srtp;

/// <summary>AEAD_AES_128_GCM and AEAD_AES_256_GCM for SRTP and SRTCP (RFC 7714).</summary>
internal sealed class AesGcmCipher : SrtpCipher
{
    private const int TagLength = 16;
    private const int NonceLength = 12;
    private const int IndexWordLength = 4;

    private readonly IGcmAead _rtp;
    private readonly IGcmAead _rtcp;
    private readonly byte[] _rtpSalt;
    private readonly byte[] _rtcpSalt;

    public AesGcmCipher(SrtpSessionKeys keys)
    {
        _rtp = CreateAead(keys.RtpKey);
        _rtcp = CreateAead(keys.RtcpKey);
        _rtpSalt = (byte[])keys.RtpSalt.Clone();
        _rtcpSalt = (byte[])keys.RtcpSalt.Clone();
    }

    public override int RtpTagLength => TagLength;

    public override int RtcpTagLength => TagLength;

    public override int RtcpIndexOffset(int length) => length - IndexWordLength;

    public override int ProtectRtp(Span<byte> buffer, int headerLength, int length, uint ssrc, ulong index)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        RtpNonce(nonce, ssrc, index);

        // RFC 7714 §8.1: the whole header (CSRCs and extension included) is the associated data.
        var payload = buffer[headerLength..length];
        _rtp.Encrypt(nonce, payload, buffer.Slice(length, TagLength), buffer[..headerLength]);
        return length + TagLength;
    }

    public override bool UnprotectRtp(Span<byte> buffer, int headerLength, int length, uint ssrc, ulong index)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        RtpNonce(nonce, ssrc, index);
        var end = length - TagLength;
        var payload = buffer[headerLength..end];
        return _rtp.Decrypt(nonce, payload, buffer.Slice(end, TagLength), buffer[..headerLength]);
    }

    public override int ProtectRtcp(Span<byte> buffer, int length, uint ssrc, uint index)
    {
        var indexWord = 0x8000_0000u | index;
        Span<byte> nonce = stackalloc byte[NonceLength];
        RtcpNonce(nonce, ssrc, index);

        // RFC 7714 §9.1: AAD is the first 8 bytes followed by the E-bit and SRTCP index.
        Span<byte> aad = stackalloc byte[8 + IndexWordLength];
        buffer[..8].CopyTo(aad);
        BinaryPrimitives.WriteUInt32BigEndian(aad[8..], indexWord);
        var payload = buffer[8..length];
        _rtcp.Encrypt(nonce, payload, buffer.Slice(length, TagLength), aad);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[(length + TagLength)..], indexWord);
        return length + TagLength + IndexWordLength;
    }

    public override bool UnprotectRtcp(Span<byte> buffer, int length, uint ssrc, uint indexWord, out int plainLength)
    {
        plainLength = length - TagLength - IndexWordLength;
        Span<byte> nonce = stackalloc byte[NonceLength];
        RtcpNonce(nonce, ssrc, indexWord & 0x7FFF_FFFFu);
        var tag = buffer.Slice(plainLength, TagLength);
        if ((indexWord & 0x8000_0000u) != 0)
        {
            Span<byte> aad = stackalloc byte[8 + IndexWordLength];
            buffer[..8].CopyTo(aad);
            BinaryPrimitives.WriteUInt32BigEndian(aad[8..], indexWord);
            var payload = buffer[8..plainLength];
            return _rtcp.Decrypt(nonce, payload, tag, aad);
        }

        // RFC 7714 §9.2: with E = 0 the whole packet and the index word are associated data and
        // nothing is encrypted. Rare (no browser sends it), so a pooled buffer is fine here.
        var aadLength = plainLength + IndexWordLength;
        var rented = ArrayPool<byte>.Shared.Rent(aadLength);
        try
        {
            buffer[..plainLength].CopyTo(rented);
            BinaryPrimitives.WriteUInt32BigEndian(rented.AsSpan(plainLength), indexWord);
            return _rtcp.Decrypt(nonce, [], tag, rented.AsSpan(0, aadLength));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override void Dispose()
    {
        _rtp.Dispose();
        _rtcp.Dispose();
        CryptographicOperations.ZeroMemory(_rtpSalt);
        CryptographicOperations.ZeroMemory(_rtcpSalt);
    }

    /// <summary>RFC 7714 §8.1: IV = (0x0000 || SSRC || ROC || SEQ) XOR salt.</summary>
    internal void RtpNonce(Span<byte> nonce, uint ssrc, ulong index)
    {
        nonce.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[6..], (uint)(index >> 16));
        BinaryPrimitives.WriteUInt16BigEndian(nonce[10..], (ushort)index);
        ByteXor.Apply(nonce, _rtpSalt);
    }

    /// <summary>RFC 7714 §9.1: IV = (0x0000 || SSRC || 0x0000 || 0 || SRTCP index) XOR salt.</summary>
    internal void RtcpNonce(Span<byte> nonce, uint ssrc, uint index)
    {
        nonce.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[8..], index);
        ByteXor.Apply(nonce, _rtcpSalt);
    }

    /// <summary>AES-NI and PCLMULQDQ when the CPU has them, the platform AesGcm otherwise.</summary>
    internal static IGcmAead CreateAead(ReadOnlySpan<byte> key) =>
        IntrinsicsGcmAead.IsSupported ? new IntrinsicsGcmAead(key) : new PlatformGcmAead(key);
}
