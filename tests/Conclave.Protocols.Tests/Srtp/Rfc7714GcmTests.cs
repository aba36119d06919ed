using Conclave.Protocols.Srtp;

namespace Conclave.Protocols.Tests.Srtp;

/// <summary>
/// RFC 7714 §16 (SRTP) and §17 (SRTCP) AEAD_AES_128_GCM and AEAD_AES_256_GCM test vectors. The RFC
/// gives session keys and salts directly, so the contexts start from session keys.
/// </summary>
public sealed class Rfc7714GcmTests
{
    private const string Key128 = "000102030405060708090a0b0c0d0e0f";
    private const string Key256 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private const string Salt = "517569642070726f2071756f";

    // §16.1: header 8040f17b 8041f8d3 5501a0b2, payload "Gallia est omnis divisa in partes tres".
    private const string RtpPlain =
        "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976 69736120 696e2070 61727465 73207472 6573";

    // §17.1: an RTCP SR from SSRC "Mars", SRTCP index 0x5d4.
    private const string RtcpPlain =
        "81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef";

    public static TheoryData<SrtpProfile, string, string> RtpVectors => new()
    {
        // §16.1.1 (AEAD_AES_128_GCM)
        {
            SrtpProfile.AeadAes128Gcm, Key128,
            "8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5 0d294e6f 42a5f47a 51c7d19b 36de3adf 8833"
            + "899d7f27 beb16a91 52cf765e e4390cce"
        },

        // §16.2.1 (AEAD_AES_256_GCM)
        {
            SrtpProfile.AeadAes256Gcm, Key256,
            "8040f17b 8041f8d3 5501a0b2 32b1de78 a822fe12 ef9f78fa 332e33aa b1801238 9a58e2f3 b50b2a02 76ffae0f 1ba63799 b87b"
            + "7aa3db36 dfffd6b0 f9bb7878 d7a76c13"
        },
    };

    public static TheoryData<SrtpProfile, string, string> RtcpVectors => new()
    {
        // §17.1.1 (AEAD_AES_128_GCM): ciphertext, tag, then E=1 and index 0x5d4.
        {
            SrtpProfile.AeadAes128Gcm, Key128,
            "81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b"
            + "c84aa458 96cf4d2f c5abf872 45d9eade 800005d4"
        },

        // §17.2.1 (AEAD_AES_256_GCM)
        {
            SrtpProfile.AeadAes256Gcm, Key256,
            "81c8000d 4d617273 d50ae4d1 f5ce5d30 4ba297e4 7d470c28 2c3ece5d bffe0a50 a2eaa5c1 110555be 8415f658 c61de047 6f1b6fad"
            + "1d1eb30c 4446839f 57ff6f6c b26ac3be 800005d4"
        },
    };

    [Theory]
    [MemberData(nameof(RtpVectors))]
    public void ProtectRtp_MatchesSection16Vector(SrtpProfile profile, string key, string expected)
    {
        using var context = Create(profile, key);
        var plain = Hex.Bytes(RtpPlain);
        var buffer = new byte[plain.Length + 16];
        plain.CopyTo(buffer, 0);

        Assert.Equal(SrtpError.None, context.TryProtectRtp(buffer, plain.Length, out var length));
        Assert.Equal(Hex.Bytes(expected), buffer[..length]);
    }

    [Theory]
    [MemberData(nameof(RtpVectors))]
    public void UnprotectRtp_Section16Vector_GivesThePlainPacket(SrtpProfile profile, string key, string vector)
    {
        using var context = Create(profile, key);
        var buffer = Hex.Bytes(vector);

        Assert.Equal(SrtpError.None, context.TryUnprotectRtp(buffer, buffer.Length, out var length));
        Assert.Equal(Hex.Bytes(RtpPlain), buffer[..length]);
    }

    [Theory]
    [MemberData(nameof(RtcpVectors))]
    public void ProtectRtcp_MatchesSection17Vector(SrtpProfile profile, string key, string expected)
    {
        using var context = Create(profile, key);
        var plain = Hex.Bytes(RtcpPlain);
        var buffer = new byte[plain.Length + 20];
        plain.CopyTo(buffer, 0);
        context.SetNextRtcpIndex(0x4d617273, 0x5d4);

        Assert.Equal(SrtpError.None, context.TryProtectRtcp(buffer, plain.Length, out var length));
        Assert.Equal(Hex.Bytes(expected), buffer[..length]);
    }

    [Theory]
    [MemberData(nameof(RtcpVectors))]
    public void UnprotectRtcp_Section17Vector_GivesThePlainPacket(SrtpProfile profile, string key, string vector)
    {
        using var context = Create(profile, key);
        var buffer = Hex.Bytes(vector);

        Assert.Equal(SrtpError.None, context.TryUnprotectRtcp(buffer, buffer.Length, out var length));
        Assert.Equal(Hex.Bytes(RtcpPlain), buffer[..length]);
    }

    [Theory]
    [MemberData(nameof(RtcpVectors))]
    public void UnprotectRtcp_Section17Vector_WithFlippedTagBit_IsRejected(SrtpProfile profile, string key, string vector)
    {
        using var context = Create(profile, key);
        var buffer = Hex.Bytes(vector);
        buffer[^5] ^= 0x01;

        Assert.Equal(SrtpError.AuthenticationFailed, context.TryUnprotectRtcp(buffer, buffer.Length, out _));
    }

    private static SrtpContext Create(SrtpProfile profile, string key)
    {
        var k = Hex.Bytes(key);
        var s = Hex.Bytes(Salt);
        return SrtpContext.FromSessionKeys(profile, new SrtpSessionKeys(k, [], s, (byte[])k.Clone(), [], (byte[])s.Clone()));
    }
}
