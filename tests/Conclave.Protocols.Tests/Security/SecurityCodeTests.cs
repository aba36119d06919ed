using System.Security.Cryptography;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Sdp;
using Conclave.Protocols.Security;
using Conclave.Protocols.Tests.Sdp;
using CsCheck;

namespace Conclave.Protocols.Tests.Security;

/// <summary>
/// The vectors below are the ones in docs/security-code.md; they were computed with Python's hashlib
/// and cross-checked with <c>openssl dgst -sha256</c>, not with this code.
/// </summary>
public sealed class SecurityCodeTests
{
    [Theory]
    [InlineData(
        "0000000000000000000000000000000000000000000000000000000000000000",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "83126 97611 08521 09075")]
    [InlineData(
        "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20",
        "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf",
        "93682 32527 53015 25937")]
    [InlineData(
        "2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90",
        "81b637d8fcd2c6da6359e6963113a1170de795e4b725b84d1e0b4cfd9ec58ce9",
        "69027 07549 15228 70425")]
    [InlineData(
        "1111111111111111111111111111111111111111111111111111111111111111",
        "1111111111111111111111111111111111111111111111111111111111111111",
        "37078 43642 02498 90077")]
    public void Compute_DocumentedVectors_MatchIndependentComputation(string a, string b, string expected)
    {
        byte[] fpA = Convert.FromHexString(a);
        byte[] fpB = Convert.FromHexString(b);

        Assert.Equal(expected, SecurityCode.Compute(fpA, fpB));
        Assert.Equal(expected, SecurityCode.Compute(fpB, fpA));
    }

    [Fact]
    public void Compute_ChromiumOfferAndAnswerFingerprints_MatchTheDocumentedCode()
    {
        // The certificates Chromium announced in testdata/chromium-offer.sdp and chromium-answer.sdp.
        Assert.True(SessionDescription.TryParse(SdpTestData.Read("chromium-offer.sdp"), out var offer, out _));
        Assert.True(SessionDescription.TryParse(SdpTestData.Read("chromium-answer.sdp"), out var answer, out _));

        string code = SecurityCode.Compute(offer!.FingerprintOf(offer.Media[0])!, answer!.FingerprintOf(answer.Media[0])!);

        Assert.Equal("59409 11842 65936 01182", code);
    }

    [Fact]
    public void Compute_AnyPair_IsSymmetricAndFourGroupsOfFiveDigits()
    {
        Gen.Byte.Array[32].Select(Gen.Byte.Array[32]).Sample((a, b) =>
        {
            string code = SecurityCode.Compute(a, b);
            Assert.Equal(code, SecurityCode.Compute(b, a));
            Assert.Matches("^[0-9]{5} [0-9]{5} [0-9]{5} [0-9]{5}$", code);
        });
    }

    [Fact]
    public void Compute_SubstitutedCertificate_GivesADifferentCode()
    {
        using var alice = DtlsCertificate.Generate();
        using var bob = DtlsCertificate.Generate();
        using var mallory = DtlsCertificate.Generate();

        // Alice sees Mallory's certificate where Bob's should be; Bob sees Mallory's in place of Alice's.
        string aliceSees = SecurityCode.Compute(alice.Fingerprint, mallory.Fingerprint);
        string bobSees = SecurityCode.Compute(mallory.Fingerprint, bob.Fingerprint);

        Assert.NotEqual(aliceSees, bobSees);
        Assert.Equal(SecurityCode.Compute(alice.Fingerprint, bob.Fingerprint), SecurityCode.Compute(bob.Fingerprint, alice.Fingerprint));
    }

    [Fact]
    public void Compute_FromCertificates_UsesTheRawSha256OfTheDer()
    {
        using var a = DtlsCertificate.Generate();
        using var b = DtlsCertificate.Generate();

        Assert.Equal(
            SecurityCode.Compute(SHA256.HashData(a.Der), SHA256.HashData(b.Der)),
            SecurityCode.Compute(a.Fingerprint, b.Fingerprint));
    }

    [Fact]
    public void Compute_WrongFingerprintLength_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => SecurityCode.Compute(new byte[20], new byte[32]));
    }
}
