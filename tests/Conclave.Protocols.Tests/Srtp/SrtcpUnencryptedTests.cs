using System.Buffers.Binary;
using System.Security.Cryptography;
using Conclave.Protocols.Srtp;

namespace Conclave.Protocols.Tests.Srtp;

/// <summary>
/// SRTCP packets sent with the E-bit clear (RFC 3711 §3.4, RFC 7714 §9.2): authenticated but not
/// encrypted. Conclave never sends them; it must still accept them. The packets are built here from
/// the session keys with the platform's HMAC and AES-GCM.
/// </summary>
public sealed class SrtcpUnencryptedTests
{
    [Fact]
    public void UnprotectRtcp_AesCmWithEBitClear_AuthenticatesAndLeavesThePayload()
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var salt = RandomNumberGenerator.GetBytes(14);
        using var keys = SrtpSessionKeys.Derive(SrtpProfile.AesCm128HmacSha1_80, key, salt);
        using var receiver = new SrtpContext(SrtpProfile.AesCm128HmacSha1_80, key, salt);
        var plain = TestPackets.Rtcp(0x01020304);

        // packet || E=0 and index 7 || HMAC-SHA1 over both, 80 bits.
        var packet = new byte[plain.Length + 4 + 10];
        plain.CopyTo(packet, 0);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(plain.Length), 7);
#pragma warning disable CA5350 // RFC 3711 §4.2.1 mandates HMAC-SHA1 for this profile
        HMACSHA1.HashData(keys.RtcpAuthKey, packet.AsSpan(0, plain.Length + 4)).AsSpan(0, 10).CopyTo(packet.AsSpan(plain.Length + 4));
#pragma warning restore CA5350
        var forged = (byte[])packet.Clone();
        forged[plain.Length + 3] = 8;

        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtcp(packet, packet.Length, out var length));
        Assert.Equal(plain, packet[..length]);
        Assert.Equal(SrtpError.AuthenticationFailed, receiver.TryUnprotectRtcp(forged, forged.Length, out _));
    }

    [Fact]
    public void UnprotectRtcp_GcmWithEBitClear_AuthenticatesTheWholePacketAsAssociatedData()
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var salt = RandomNumberGenerator.GetBytes(12);
        using var keys = SrtpSessionKeys.Derive(SrtpProfile.AeadAes128Gcm, key, salt);
        using var receiver = new SrtpContext(SrtpProfile.AeadAes128Gcm, key, salt);
        const uint Ssrc = 0x0A0B0C0D;
        const uint Index = 0x1234;
        var plain = TestPackets.Rtcp(Ssrc);

        // RFC 7714 §9.1 IV; §9.2 AAD = packet || E=0 and index; nothing encrypted, so only a tag.
        var nonce = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(2), Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8), Index);
        for (var i = 0; i < 12; i++)
        {
            nonce[i] ^= keys.RtcpSalt[i];
        }

        var aad = new byte[plain.Length + 4];
        plain.CopyTo(aad, 0);
        BinaryPrimitives.WriteUInt32BigEndian(aad.AsSpan(plain.Length), Index);
        var tag = new byte[16];
        using (var gcm = new AesGcm(keys.RtcpKey, 16))
        {
            gcm.Encrypt(nonce, ReadOnlySpan<byte>.Empty, Span<byte>.Empty, tag, aad);
        }

        var packet = plain.Concat(tag).Concat(aad[^4..]).ToArray();
        var forged = (byte[])packet.Clone();
        forged[20] ^= 1;

        Assert.Equal(SrtpError.AuthenticationFailed, receiver.TryUnprotectRtcp(forged, forged.Length, out _));
        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtcp(packet, packet.Length, out var length));
        Assert.Equal(plain, packet[..length]);
    }
}
