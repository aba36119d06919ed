using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Conclave.Protocols.Dtls;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Protocols.Tests.Dtls;

public sealed class DtlsFingerprintTests
{
    [Fact]
    public void Generate_FingerprintIsSha256OfTheDerCertificate()
    {
        using var certificate = DtlsCertificate.Generate();
        using var parsed = X509CertificateLoader.LoadCertificate(certificate.Der);

        Assert.Equal(parsed.GetCertHash(HashAlgorithmName.SHA256), certificate.Fingerprint.Value.ToArray());
        Assert.Equal("sha-256 " + Convert.ToHexString(parsed.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + ":" + b), certificate.Fingerprint.ToSdpValue());
        Assert.Equal("1.2.840.10045.2.1", parsed.PublicKey.Oid.Value); // id-ecPublicKey
        Assert.Equal(256, parsed.GetECDsaPublicKey()!.KeySize);
    }

    [Fact]
    public void Generate_ValidityFollowsTheInjectedClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));

        using var certificate = DtlsCertificate.Generate(clock);
        using var parsed = X509CertificateLoader.LoadCertificate(certificate.Der);

        Assert.Equal(clock.GetUtcNow().AddDays(-1), new DateTimeOffset(parsed.NotBefore.ToUniversalTime()));
        Assert.Equal(clock.GetUtcNow().Add(DtlsCertificate.DefaultValidity), new DateTimeOffset(parsed.NotAfter.ToUniversalTime()));
        Assert.Equal("CN=conclave", parsed.Subject);
        Assert.Equal(parsed.Subject, parsed.Issuer);
    }

    [Fact]
    public void Generate_TwoCertificates_HaveDifferentFingerprints()
    {
        using var a = DtlsCertificate.Generate();
        using var b = DtlsCertificate.Generate();

        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
    }

    [Fact]
    public void TryParse_UpperAndLowerCase_GiveTheSameFingerprint()
    {
        using var certificate = DtlsCertificate.Generate();
        string sdp = certificate.Fingerprint.ToSdpValue();

        Assert.True(DtlsFingerprint.TryParse(sdp, out DtlsFingerprint? upper));
        Assert.True(DtlsFingerprint.TryParse("SHA-256 " + sdp[8..].ToLowerInvariant(), out DtlsFingerprint? lower));
        Assert.Equal(certificate.Fingerprint, upper);
        Assert.Equal(certificate.Fingerprint, lower);
        Assert.True(lower!.Matches(certificate.Der));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha-256")]
    [InlineData("sha-1 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01")]
    [InlineData("sha-256 AB:CD")]
    [InlineData("sha-256 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:8G")]
    [InlineData("sha-256 AB-CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89")]
    [InlineData("sha-256 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:00")]
    public void TryParse_Malformed_ReturnsFalse(string text)
    {
        Assert.False(DtlsFingerprint.TryParse(text, out DtlsFingerprint? fingerprint));
        Assert.Null(fingerprint);
    }

    [Fact]
    public void Pem_RoundTrip_KeepsCertificateAndKey()
    {
        using var original = DtlsCertificate.Generate();

        using var loaded = DtlsCertificate.FromPem(original.CertificatePem(), original.PrivateKeyPem());

        Assert.Equal(original.Fingerprint, loaded.Fingerprint);
        Assert.Equal(original.PrivateKeyPem(), loaded.PrivateKeyPem());
    }
}
