using Conclave.Protocols.Srtp;

namespace Conclave.Protocols.Tests.Srtp;

/// <summary>RFC 3711 Appendix B.3: key derivation test vectors (key_derivation_rate 0, index 0).</summary>
public sealed class Rfc3711KeyDerivationTests
{
    private static readonly byte[] MasterKey = Hex.Bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] MasterSalt = Hex.Bytes("0EC675AD498AFEEBB6960B3AABE6");

    [Fact]
    public void CipherKey_MatchesAppendixB3()
    {
        using var keys = SrtpSessionKeys.Derive(SrtpProfile.AesCm128HmacSha1_80, MasterKey, MasterSalt);
        Assert.Equal(Hex.Bytes("C61E7A93744F39EE10734AFE3FF7A087"), keys.RtpKey);
    }

    [Fact]
    public void CipherSalt_MatchesAppendixB3()
    {
        using var keys = SrtpSessionKeys.Derive(SrtpProfile.AesCm128HmacSha1_80, MasterKey, MasterSalt);
        Assert.Equal(Hex.Bytes("30CBBC08863D8C85D49DB34A9AE1"), keys.RtpSalt);
    }

    [Fact]
    public void AuthenticationKey_MatchesAppendixB3()
    {
        using var keys = SrtpSessionKeys.Derive(SrtpProfile.AesCm128HmacSha1_80, MasterKey, MasterSalt);

        // B.3 prints 94 bytes of the label-1 keystream; HMAC-SHA1 uses its first 160 bits.
        Assert.Equal(Hex.Bytes("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"), keys.RtpAuthKey);
    }

    [Fact]
    public void RtcpKeys_UseTheirOwnLabels_AndDifferFromRtpKeys()
    {
        using var keys = SrtpSessionKeys.Derive(SrtpProfile.AesCm128HmacSha1_80, MasterKey, MasterSalt);
        Assert.NotEqual(keys.RtpKey, keys.RtcpKey);
        Assert.NotEqual(keys.RtpAuthKey, keys.RtcpAuthKey);
        Assert.NotEqual(keys.RtpSalt, keys.RtcpSalt);
        Assert.Equal(16, keys.RtcpKey.Length);
        Assert.Equal(20, keys.RtcpAuthKey.Length);
        Assert.Equal(14, keys.RtcpSalt.Length);
    }
}
