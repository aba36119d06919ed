using Conclave.Protocols.Dtls;

namespace Conclave.Protocols.Tests.Dtls;

/// <summary>RFC 5764 §4.2: client_write_SRTP_master_key | server_write_SRTP_master_key | client salt | server salt.</summary>
public sealed class Rfc5764KeyingMaterialTests
{
    [Theory]
    [InlineData(DtlsSrtpProtectionProfiles.AesCm128HmacSha1_80, 16, 14, 60)]
    [InlineData(DtlsSrtpProtectionProfiles.AesCm128HmacSha1_32, 16, 14, 60)]
    [InlineData(DtlsSrtpProtectionProfiles.AeadAes128Gcm, 16, 12, 56)]
    [InlineData(DtlsSrtpProtectionProfiles.AeadAes256Gcm, 32, 12, 88)]
    public void FromKeyingMaterial_SplitsInRfcOrder(ushort profile, int keyLength, int saltLength, int total)
    {
        Assert.Equal(total, DtlsSrtpProtectionProfiles.KeyingMaterialLength(profile));
        byte[] material = Enumerable.Range(0, total).Select(i => (byte)i).ToArray();

        using var keys = DtlsSrtpKeys.FromKeyingMaterial(profile, material);

        Assert.Equal(profile, keys.ProtectionProfile);
        Assert.Equal(material[..keyLength], keys.ClientWriteKey);
        Assert.Equal(material[keyLength..(2 * keyLength)], keys.ServerWriteKey);
        Assert.Equal(material[(2 * keyLength)..((2 * keyLength) + saltLength)], keys.ClientWriteSalt);
        Assert.Equal(material[((2 * keyLength) + saltLength)..], keys.ServerWriteSalt);
        Assert.Equal(keys.ClientWriteKey, keys.GetLocal(DtlsRole.Client).Key);
        Assert.Equal(keys.ClientWriteKey, keys.GetRemote(DtlsRole.Server).Key);
        Assert.Equal(keys.ServerWriteSalt, keys.GetLocal(DtlsRole.Server).Salt);
        Assert.Equal(keys.ServerWriteSalt, keys.GetRemote(DtlsRole.Client).Salt);
    }

    [Fact]
    public void FromKeyingMaterial_WrongLength_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => DtlsSrtpKeys.FromKeyingMaterial(DtlsSrtpProtectionProfiles.AeadAes256Gcm, new byte[60]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DtlsSrtpKeys.FromKeyingMaterial(0x0005, new byte[60]));
    }

    [Fact]
    public void TrySelect_UsesOurOrderNotTheOfferOrder()
    {
        Assert.True(DtlsSrtpProtectionProfiles.TrySelect(DtlsSrtpProtectionProfiles.ConclavePreference, [0x0001, 0x0002, 0x0007, 0x0008], out ushort chosen));
        Assert.Equal(DtlsSrtpProtectionProfiles.AeadAes256Gcm, chosen);
        Assert.False(DtlsSrtpProtectionProfiles.TrySelect(DtlsSrtpProtectionProfiles.ConclavePreference, [0x0002, 0x0005], out _));
    }
}
