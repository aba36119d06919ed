using Conclave.Protocols.Srtp;

namespace Conclave.Protocols.Tests.Srtp;

/// <summary>RFC 3711 Appendix B.2: AES-CM keystream test vectors.</summary>
public sealed class Rfc3711AesCmTests
{
    private static readonly byte[] SessionKey = Hex.Bytes("2B7E151628AED2A6ABF7158809CF4F3C");
    private static readonly byte[] SessionSalt = Hex.Bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Keystream_MatchesAppendixB2_FirstAndLastBlocks(bool allowIntrinsics)
    {
        using var ctr = new AesCounterMode(SessionKey, allowIntrinsics);
        Span<byte> iv = stackalloc byte[16];

        // B.2: ROC 0, SEQ 0, SSRC 0, so the IV is the salt shifted left 16 bits.
        AesCmHmacSha1Cipher.BuildIv(iv, SessionSalt, ssrc: 0, index: 0);
        Assert.Equal(Hex.Bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"), iv.ToArray());

        var keystream = new byte[0x10000 * 16];
        ctr.Transform(iv, keystream);

        Assert.Equal(
            Hex.Bytes("E03EAD0935C95E80E166B16DD92B4EB4 D23513162B02D0F72A43A2FE4A5F97AB 41E95B3BB0A2E8DD477901E4FCA894C0"),
            keystream[..48]);
        Assert.Equal(Hex.Bytes("EC8CDF7398607CB0F2D21675EA9EA1E4"), keystream.AsSpan(0xFEFF * 16, 16).ToArray());
        Assert.Equal(Hex.Bytes("362B7C3C6773516318A077D7FC5073AE"), keystream.AsSpan(0xFF00 * 16, 16).ToArray());
        Assert.Equal(Hex.Bytes("6A2CC3787889374FBEB4C81B17BA6C44"), keystream.AsSpan(0xFF01 * 16, 16).ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Transform_AppliedTwice_RestoresTheInput(bool allowIntrinsics)
    {
        using var ctr = new AesCounterMode(SessionKey, allowIntrinsics);
        var iv = Hex.Bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        var data = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
        var copy = (byte[])data.Clone();

        ctr.Transform(iv, copy);
        Assert.NotEqual(data, copy);
        ctr.Transform(iv, copy);
        Assert.Equal(data, copy);
    }

    [Fact]
    public void IntrinsicsAndEcbPaths_GiveTheSameKeystream_ForEveryLength()
    {
        var key = Hex.Bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        using var fast = new AesCounterMode(key, allowIntrinsics: true);
        using var ecb = new AesCounterMode(key, allowIntrinsics: false);
        var iv = Hex.Bytes("0102030405060708090a0b0c0d0e0000");
        for (var length = 0; length < 300; length++)
        {
            var a = new byte[length];
            var b = new byte[length];
            fast.Transform(iv, a);
            ecb.Transform(iv, b);
            Assert.Equal(b, a);
        }
    }
}
