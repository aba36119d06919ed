using System.Security.Cryptography;
using Conclave.Protocols.Srtp;

namespace Conclave.Protocols.Tests.Srtp;

/// <summary>RFC 5764 §4.2: the exporter output split into client and server master keys and salts.</summary>
public sealed class SrtpKeyingMaterialTests
{
    public static TheoryData<SrtpProfile> Profiles => new(SrtpProfiles.All);

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ClientAndServerContexts_FromTheSameMaterial_UnprotectEachOther(SrtpProfile profile)
    {
        var material = RandomNumberGenerator.GetBytes(profile.KeyingMaterialLength());
        var (clientOut, clientIn) = SrtpKeyingMaterial.CreateContexts(profile, material, isClient: true);
        var (serverOut, serverIn) = SrtpKeyingMaterial.CreateContexts(profile, material, isClient: false);
        using (clientOut)
        using (clientIn)
        using (serverOut)
        using (serverIn)
        {
            var plain = TestPackets.Rtp(1, 5, 100);
            var buffer = TestPackets.WithSlack(plain);
            Assert.Equal(SrtpError.None, clientOut.TryProtectRtp(buffer, plain.Length, out var length));
            var copy = (byte[])buffer.Clone();
            Assert.Equal(SrtpError.AuthenticationFailed, clientIn.TryUnprotectRtp(copy, length, out _));
            Assert.Equal(SrtpError.None, serverIn.TryUnprotectRtp(buffer, length, out var plainLength));
            Assert.Equal(plain, buffer[..plainLength]);

            buffer = TestPackets.WithSlack(plain);
            Assert.Equal(SrtpError.None, serverOut.TryProtectRtp(buffer, plain.Length, out length));
            Assert.Equal(SrtpError.None, clientIn.TryUnprotectRtp(buffer, length, out _));
        }
    }

    [Fact]
    public void ClientContext_UsesTheFirstKeyAndTheFirstSalt()
    {
        var profile = SrtpProfile.AesCm128HmacSha1_80;
        var material = RandomNumberGenerator.GetBytes(60);
        using var expected = new SrtpContext(profile, material.AsSpan(0, 16), material.AsSpan(32, 14));
        var (outbound, inbound) = SrtpKeyingMaterial.CreateContexts(profile, material, isClient: true);
        using (outbound)
        using (inbound)
        {
            var plain = TestPackets.Rtp(1, 5, 100);
            var a = TestPackets.WithSlack(plain);
            var b = TestPackets.WithSlack(plain);
            Assert.Equal(SrtpError.None, expected.TryProtectRtp(a, plain.Length, out var la));
            Assert.Equal(SrtpError.None, outbound.TryProtectRtp(b, plain.Length, out var lb));
            Assert.Equal(a[..la], b[..lb]);
        }
    }

    [Theory]
    [InlineData(SrtpProfile.AesCm128HmacSha1_80, 60)]
    [InlineData(SrtpProfile.AesCm128HmacSha1_32, 60)]
    [InlineData(SrtpProfile.AeadAes128Gcm, 56)]
    [InlineData(SrtpProfile.AeadAes256Gcm, 88)]
    public void KeyingMaterialLength_MatchesTheExporterLengths(SrtpProfile profile, int length)
    {
        Assert.Equal(length, profile.KeyingMaterialLength());
        Assert.Throws<ArgumentException>(() => SrtpKeyingMaterial.CreateContexts(profile, new byte[length - 1], true));
    }
}
