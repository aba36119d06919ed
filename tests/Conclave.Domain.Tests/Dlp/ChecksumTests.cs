using Conclave.Domain.Dlp;
using CsCheck;

namespace Conclave.Domain.Tests.Dlp;

/// <summary>Luhn (ISO/IEC 7812-1 Annex B) and the IBAN mod-97 check (ISO 13616-1, ISO/IEC 7064) against an independent oracle.</summary>
public sealed class ChecksumTests
{
    private static readonly Gen<int> Seeds = Gen.Int[0, int.MaxValue];

    [Theory]
    [InlineData("79927398713", true)] // the classic worked example
    [InlineData("79927398710", false)]
    [InlineData("0", false)] // too short to carry a check digit
    [InlineData("00", true)]
    [InlineData("18", true)]
    public void Luhn_KnownAnswers(string digits, bool valid) => Assert.Equal(valid, Luhn.IsValid(Digits(digits)));

    [Theory]
    [InlineData("GB82WEST12345698765432", true)]
    [InlineData("GB82WEST12345698765433", false)]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("NO9386011117947", true)]
    [InlineData("gb82WEST12345698765432", false)] // the check reads capitals only; the type upper-cases first
    [InlineData("GB82", false)]
    public void Mod97_KnownAnswers(string iban, bool valid) => Assert.Equal(valid, Iso7064Mod97.IsValidIban(iban));

    [Fact]
    public void Luhn_AnyGeneratedCard_IsValid_AndAnyOneChangedDigitIsNot() =>
        Gen.Select(Seeds, Gen.OneOf<string>(SyntheticNumbers.CardKinds)).Sample((seed, kind) =>
        {
            var numbers = new SyntheticNumbers(seed);
            var card = numbers.Card(kind);
            var changed = numbers.ChangeOneDigit(card);
            return Luhn.IsValid(Digits(card)) && SyntheticNumbers.LuhnValid(card)
                && !Luhn.IsValid(Digits(changed)) && !SyntheticNumbers.LuhnValid(changed);
        });

    [Fact]
    public void Luhn_AgreesWithTheOracle_OnAnyDigits() =>
        Gen.String[Gen.Char['0', '9'], 2, 30].Sample(digits => Luhn.IsValid(Digits(digits)) == SyntheticNumbers.LuhnValid(digits));

    [Fact]
    public void Mod97_AnyGeneratedIban_IsValid_AndAnyOneChangedDigitIsNot() =>
        Gen.Select(Seeds, Gen.OneOf<string>([.. SyntheticNumbers.IbanLengths.Keys])).Sample((seed, country) =>
        {
            var numbers = new SyntheticNumbers(seed);
            var iban = numbers.Iban(country);
            var changed = numbers.ChangeOneDigit(iban);
            return iban.Length == SyntheticNumbers.IbanLengths[country]
                && Iso7064Mod97.IsValidIban(iban) && SyntheticNumbers.IbanValid(iban)
                && !Iso7064Mod97.IsValidIban(changed) && !SyntheticNumbers.IbanValid(changed);
        });

    private static byte[] Digits(string digits) => [.. digits.Select(c => (byte)(c - '0'))];
}
