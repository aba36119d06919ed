using Conclave.Domain.Dlp;

namespace Conclave.Domain.Tests.Dlp;

/// <summary>Each built-in type on hand-picked examples: the documented shapes, checks and confidence rules.</summary>
public sealed class BuiltInTypeTests
{
    // Networks' published test numbers (not accounts of anyone).
    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("5555 5555 5555 4444")]
    [InlineData("2223 0031 2200 3222")]
    [InlineData("3782 822463 10005")]
    [InlineData("3714-496353-98431")]
    [InlineData("6011 1111 1111 1117")]
    [InlineData("3056 930902 5904")]
    [InlineData("3530 1113 3330 0000")]
    [InlineData("6200000000000005")]
    [InlineData("4222222222222")]
    public void CreditCard_PublishedTestNumbers_AreFound(string number)
    {
        var result = Scan(SensitiveInfoTypes.CreditCardNumber, $"pay with {number} please");
        var match = Assert.Single(result.Matches);
        Assert.Equal(DlpConfidence.Medium, match.Confidence);
        Assert.Equal(number.Length, match.Length);
        Assert.Equal(9, match.Start);
    }

    [Theory]
    [InlineData("4111 1111-1111 1111")] // mixed separators
    [InlineData("4111  1111 1111 1111")] // two spaces
    [InlineData("4111111111111112")] // Luhn fails
    [InlineData("1234567812345670")] // Luhn holds, no network starts with 1
    [InlineData("4111 1111 1111 1111 2025")] // five groups: not one card
    [InlineData("x4111111111111111")]
    [InlineData("4111111111111111x")]
    [InlineData("3.4111111111111111")]
    [InlineData("5555555555554444554")] // Luhn holds, but 19 digits: Mastercard has 16
    [InlineData("378282246310005-1")]
    [InlineData("2024-4111111111111111")]
    public void CreditCard_NearMisses_AreNotFound(string text) => Assert.Equal(0, Scan(SensitiveInfoTypes.CreditCardNumber, text).Count);

    [Fact]
    public void CreditCard_BareNumberFollowedBySpaceAndDigits_IsStillACard() =>
        Assert.Equal(1, Scan(SensitiveInfoTypes.CreditCardNumber, "378282246310005 12/27").Count);

    [Fact]
    public void CreditCard_WithKeywordWithin300Characters_IsHighConfidence()
    {
        var near = Scan(SensitiveInfoTypes.CreditCardNumber, "Visa card: " + new string('.', 280) + " 4111 1111 1111 1111");
        var far = Scan(SensitiveInfoTypes.CreditCardNumber, "Visa card: " + new string('.', 320) + " 4111 1111 1111 1111");
        var inWord = Scan(SensitiveInfoTypes.CreditCardNumber, "Visakhapatnam 4111 1111 1111 1111");
        Assert.Equal(DlpConfidence.High, Assert.Single(near.Matches).Confidence);
        Assert.Equal(DlpConfidence.Medium, Assert.Single(far.Matches).Confidence);
        Assert.Equal(DlpConfidence.Medium, Assert.Single(inWord.Matches).Confidence);
    }

    [Fact]
    public void CreditCard_Excerpt_ShowsOnlyTheLastFourDigits()
    {
        var match = Assert.Single(Scan(SensitiveInfoTypes.CreditCardNumber, "card 5555 5555 5555 4444").Matches);
        Assert.Equal("**** **** **** 4444", match.MaskedExcerpt);
    }

    // ISO 13616 / SWIFT registry examples (published specimen IBANs).
    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("GB82WEST12345698765432")]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606")]
    [InlineData("NO93 8601 1117 947")]
    [InlineData("MT84 MALT 0110 0001 2345 MTLC AST0 01S")]
    [InlineData("be68 5390 0754 7034")]
    public void Iban_RegistryExamples_AreFound(string iban)
    {
        var match = Assert.Single(Scan(SensitiveInfoTypes.Iban, $"to {iban}.").Matches);
        Assert.Equal(iban.Length, match.Length);
        Assert.Equal(DlpConfidence.Medium, match.Confidence);
    }

    [Fact]
    public void IbanCountries_CoverSepaAndGb_WithTheRegistryLengths()
    {
        string[] sepa =
        [
            "AD", "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GI", "GR", "HR", "HU", "IE", "IS",
            "IT", "LI", "LT", "LU", "LV", "MC", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "SM", "VA",
        ];
        Assert.All(sepa, code => Assert.InRange(IbanCountries.LengthOf(code), 15, 34));
        Assert.All(SyntheticNumbers.IbanLengths, entry => Assert.Equal(entry.Value, IbanCountries.LengthOf(entry.Key)));
        Assert.Equal(0, IbanCountries.LengthOf("US"));
    }

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 33")] // mod 97 fails
    [InlineData("GB00 WEST 1234 5698 7654 32")] // check digits 00
    [InlineData("DE89 3704 0044 0532 0130")] // too short for DE
    [InlineData("QQ82 WEST 1234 5698 7654 32")] // no such country
    [InlineData("GB82WEST1234 5698 7654 32")] // neither form
    public void Iban_NearMisses_AreNotFound(string text) => Assert.Equal(0, Scan(SensitiveInfoTypes.Iban, text).Count);

    [Fact]
    public void Iban_GroupedAndFollowedByAWordOfFour_IsTrimmedToItsCountrysLength()
    {
        var match = Assert.Single(Scan(SensitiveInfoTypes.Iban, "IBAN BE68 5390 0754 7034 SENT yesterday").Matches);
        Assert.Equal("BE68 5390 0754 7034".Length, match.Length);
        Assert.Equal(DlpConfidence.High, match.Confidence);
        Assert.Equal("**** **** **** 7034", match.MaskedExcerpt);
    }

    // Made-up numbers from the seeded generator (an SSN has no check digit, so any issuable one would do).
    private static readonly string SsnDigits = new SyntheticNumbers(7).Ssn();
    private static readonly string SinDigits = new SyntheticNumbers(7).Sin();

    [Theory]
    [InlineData("SSN {0}", "-", DlpConfidence.High)]
    [InlineData("SSN {0}", " ", DlpConfidence.High)]
    [InlineData("SSN {0}", "", DlpConfidence.Medium)]
    [InlineData("ref {0}", "-", DlpConfidence.Medium)]
    [InlineData("ref {0}", "", DlpConfidence.Low)]
    [InlineData("my social security number is {0}", "-", DlpConfidence.High)]
    [InlineData("Social Security: " + "{0}", " ", DlpConfidence.High)]
    public void Ssn_Confidence_FollowsFormatAndKeyword(string text, string separator, DlpConfidence expected) =>
        Assert.Equal(expected, Assert.Single(Scan(SensitiveInfoTypes.UsSocialSecurityNumber, Fill(text, Ssn(separator))).Matches).Confidence);

    [Theory]
    [InlineData("SSN 000-12-3456")]
    [InlineData("SSN 666-12-3456")]
    [InlineData("SSN 900-12-3456")]
    [InlineData("SSN 123-00-4567")]
    [InlineData("SSN 123-45-0000")]
    [InlineData("SSN 078-05-1120")]
    [InlineData("SSN 219 09 9999")]
    [InlineData("call 555-123-4567")]
    public void Ssn_Invalid_AreNotFound(string text) => Assert.Equal(0, Scan(SensitiveInfoTypes.UsSocialSecurityNumber, text).Count);

    [Theory]
    [InlineData("SSN {0}0")]
    [InlineData("SSN 1-{0}")]
    [InlineData("SSN {0}-12")]
    [InlineData("SSN x{0}")]
    public void Ssn_InsideALongerNumber_IsNotFound(string text) =>
        Assert.Equal(0, Scan(SensitiveInfoTypes.UsSocialSecurityNumber, Fill(text, Ssn("-"))).Count);

    [Fact]
    public void Ssn_WithMixedSeparators_IsNotFound() =>
        Assert.Equal(0, Scan(SensitiveInfoTypes.UsSocialSecurityNumber, $"SSN {SsnDigits[..3]}-{SsnDigits[3..5]} {SsnDigits[5..]}").Count);

    [Theory]
    [InlineData("SIN {0}", " ", DlpConfidence.High)]
    [InlineData("numéro d'assurance sociale : {0}", "-", DlpConfidence.High)]
    [InlineData("NAS {0}", "", DlpConfidence.Medium)]
    [InlineData("ref {0}", " ", DlpConfidence.Medium)]
    [InlineData("ref {0}", "", DlpConfidence.Low)]
    [InlineData("sin embargo {0}", "", DlpConfidence.Low)]
    [InlineData("nas {0}", "", DlpConfidence.Low)]
    public void Sin_Confidence_FollowsFormatAndKeyword(string text, string separator, DlpConfidence expected) =>
        Assert.Equal(expected, Assert.Single(Scan(SensitiveInfoTypes.CanadaSocialInsuranceNumber, Fill(text, Sin(separator))).Matches).Confidence);

    [Theory]
    [InlineData("SIN 046 454 286")] // the CRA's specimen: Luhn holds, but region 0 is not issued to people
    [InlineData("SIN 800 000 002")] // Luhn holds, but 8 is for business numbers
    [InlineData("phone 613-555-0199")]
    public void Sin_Invalid_AreNotFound(string text) => Assert.Equal(0, Scan(SensitiveInfoTypes.CanadaSocialInsuranceNumber, text).Count);

    [Fact]
    public void Sin_WithOneDigitChanged_IsNotFound()
    {
        var numbers = new SyntheticNumbers(11);
        for (var i = 0; i < 50; i++)
        {
            var changed = numbers.ChangeOneDigit(numbers.Sin());
            Assert.Equal(0, Scan(SensitiveInfoTypes.CanadaSocialInsuranceNumber, "SIN " + changed).Count);
        }
    }

    [Fact]
    public void Excerpt_OfNineDigits_KeepsTheShapeAndTheLastFour()
    {
        Assert.Equal("***-**-" + SsnDigits[5..], Assert.Single(Scan(SensitiveInfoTypes.UsSocialSecurityNumber, "SSN " + Ssn("-")).Matches).MaskedExcerpt);
        Assert.Equal("*** **" + SinDigits[5] + " " + SinDigits[6..], Assert.Single(Scan(SensitiveInfoTypes.CanadaSocialInsuranceNumber, "SIN " + Sin(" ")).Matches).MaskedExcerpt);
    }

    private static string Ssn(string separator) => SyntheticNumbers.Group(SsnDigits, [3, 2, 4], separator);

    private static string Sin(string separator) => SyntheticNumbers.Group(SinDigits, [3, 3, 3], separator);

    private static string Fill(string template, string number) => template.Replace("{0}", number, StringComparison.Ordinal);

    private static SensitiveInfoTypeResult Scan(SensitiveInfoType type, string text) => DlpScanner.Scan(text, [type]).Types.Single();
}
