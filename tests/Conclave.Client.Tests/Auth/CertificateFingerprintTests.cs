using Conclave.Client.Auth;
using CsCheck;

namespace Conclave.Client.Tests.Auth;

public sealed class CertificateFingerprintTests
{
    [Fact]
    public void Parse_ThenToString_GivesUpperCaseColonPairs_ForAnyHash()
    {
        Gen.Byte.Array[32].Sample(bytes =>
        {
            var lower = Convert.ToHexStringLower(bytes);
            Assert.True(CertificateFingerprint.TryParse(lower, out var fingerprint));
            Assert.Equal(string.Join(':', bytes.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))), fingerprint!.ToString());
            Assert.True(CertificateFingerprint.TryParse(fingerprint.ToString(), out var again));
            Assert.True(fingerprint.Matches(again!));
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("AB:CD")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000FF")]
    [InlineData("000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("G000000000000000000000000000000000000000000000000000000000000000")]
    public void TryParse_NotA32ByteHexString_IsRejected(string text) =>
        Assert.False(CertificateFingerprint.TryParse(text, out _));

    [Fact]
    public void Matches_OneBitDifferent_IsFalse()
    {
        Gen.Byte.Array[32].Select(Gen.Int[0, 255]).Sample((bytes, bit) =>
        {
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.True(CertificateFingerprint.TryParse(Convert.ToHexString(bytes), out var a));
            Assert.True(CertificateFingerprint.TryParse(Convert.ToHexString(flipped), out var b));
            Assert.False(a!.Matches(b!));
        });
    }

    [Fact]
    public void Of_IsTheSha256OfTheDerCertificate()
    {
        using var certificate = TestCertificates.CreateServerCertificate();
        var expected = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(certificate.RawData));

        Assert.Equal(expected, CertificateFingerprint.Of(certificate).ToString().Replace(":", "", StringComparison.Ordinal));
    }
}
