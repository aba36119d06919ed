using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Conclave.Protocols.Srtp;

/// <summary>AES_CM_128_HMAC_SHA1_80 and _32: AES counter mode (RFC 3711 §4.1.1) with HMAC-SHA1 (§4.2.1).</summary>
internal sealed class AesCmHmacSha1Cipher : SrtpCipher
{
    private const int MacLength = 20;
    private const int IndexWordLength = 4;

    private readonly AesCounterMode _rtpCipher;
    private readonly AesCounterMode _rtcpCipher;
    private readonly IncrementalHash _rtpMac;
    private readonly IncrementalHash _rtcpMac;
    private readonly byte[] _rtpSalt;
    private readonly byte[] _rtcpSalt;

    public AesCmHmacSha1Cipher(SrtpProfile profile, SrtpSessionKeys keys)
    {
        RtpTagLength = profile.RtpAuthTagLength();
        RtcpTagLength = profile.RtcpAuthTagLength();
        _rtpCipher = new AesCounterMode(keys.RtpKey);
        _rtcpCipher = new AesCounterMode(keys.RtcpKey);
        _rtpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, keys.RtpAuthKey);
        _rtcpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, keys.RtcpAuthKey);
        _rtpSalt = (byte[])keys.RtpSalt.Clone();
        _rtcpSalt = (byte[])keys.RtcpSalt.Clone();
    }

    public override int RtpTagLength { get; }

    public override int RtcpTagLength { get; }

    public override int RtcpIndexOffset(int length) => length - RtcpTagLength - IndexWordLength;

    public override int ProtectRtp(Span<byte> buffer, int headerLength, int length, uint ssrc, ulong index)
    {
        Span<byte> iv = stackalloc byte[16];
        BuildIv(iv, _rtpSalt, ssrc, index);
        _rtpCipher.Transform(iv, buffer[headerLength..length]);

        // RFC 3711 §4.2: the tag covers the authenticated portion followed by the ROC. The ROC is
        // written where the tag goes (tag ≥ 4 bytes) so the MAC input stays one span.
        BinaryPrimitives.WriteUInt32BigEndian(buffer[length..], (uint)(index >> 16));
        Span<byte> mac = stackalloc byte[MacLength];
        _rtpMac.AppendData(buffer[..(length + IndexWordLength)]);
        _rtpMac.GetHashAndReset(mac);
        mac[..RtpTagLength].CopyTo(buffer[length..]);
        return length + RtpTagLength;
    }

    public override bool UnprotectRtp(Span<byte> buffer, int headerLength, int length, uint ssrc, ulong index)
    {
        var authenticated = length - RtpTagLength;
        Span<byte> received = stackalloc byte[MacLength];
        buffer.Slice(authenticated, RtpTagLength).CopyTo(received);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[authenticated..], (uint)(index >> 16));
        Span<byte> mac = stackalloc byte[MacLength];
        _rtpMac.AppendData(buffer[..(authenticated + IndexWordLength)]);
        _rtpMac.GetHashAndReset(mac);
        received[..RtpTagLength].CopyTo(buffer[authenticated..]);

        // RFC 3711 §3.3 step 5; compared in constant time so the tag cannot be guessed byte by byte.
        if (!CryptographicOperations.FixedTimeEquals(mac[..RtpTagLength], received[..RtpTagLength]))
        {
            return false;
        }

        Span<byte> iv = stackalloc byte[16];
        BuildIv(iv, _rtpSalt, ssrc, index);
        _rtpCipher.Transform(iv, buffer[headerLength..authenticated]);
        return true;
    }

    public override int ProtectRtcp(Span<byte> buffer, int length, uint ssrc, uint index)
    {
        // RFC 3711 §3.4: everything after the first RTCP header and SSRC is encrypted.
        Span<byte> iv = stackalloc byte[16];
        BuildIv(iv, _rtcpSalt, ssrc, index);
        _rtcpCipher.Transform(iv, buffer[8..length]);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[length..], 0x8000_0000u | index);
        Span<byte> mac = stackalloc byte[MacLength];
        _rtcpMac.AppendData(buffer[..(length + IndexWordLength)]);
        _rtcpMac.GetHashAndReset(mac);
        mac[..RtcpTagLength].CopyTo(buffer[(length + IndexWordLength)..]);
        return length + IndexWordLength + RtcpTagLength;
    }

    public override bool UnprotectRtcp(Span<byte> buffer, int length, uint ssrc, uint indexWord, out int plainLength)
    {
        var authenticated = length - RtcpTagLength;
        plainLength = authenticated - IndexWordLength;
        Span<byte> mac = stackalloc byte[MacLength];
        _rtcpMac.AppendData(buffer[..authenticated]);
        _rtcpMac.GetHashAndReset(mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..RtcpTagLength], buffer.Slice(authenticated, RtcpTagLength)))
        {
            return false;
        }

        // RFC 3711 §3.4: E = 0 means the sender left the payload in the clear (authenticated only).
        if ((indexWord & 0x8000_0000u) != 0)
        {
            Span<byte> iv = stackalloc byte[16];
            BuildIv(iv, _rtcpSalt, ssrc, indexWord & 0x7FFF_FFFFu);
            _rtcpCipher.Transform(iv, buffer[8..plainLength]);
        }

        return true;
    }

    public override void Dispose()
    {
        _rtpCipher.Dispose();
        _rtcpCipher.Dispose();
        _rtpMac.Dispose();
        _rtcpMac.Dispose();
        CryptographicOperations.ZeroMemory(_rtpSalt);
        CryptographicOperations.ZeroMemory(_rtcpSalt);
    }

    /// <summary>RFC 3711 §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16).</summary>
    internal static void BuildIv(Span<byte> iv, ReadOnlySpan<byte> salt, uint ssrc, ulong index)
    {
        iv.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(iv[4..], ssrc);
        BinaryPrimitives.WriteUInt16BigEndian(iv[8..], (ushort)(index >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(iv[10..], (uint)index);
        for (var i = 0; i < 14; i++)
        {
            iv[i] ^= salt[i];
        }
    }
}
