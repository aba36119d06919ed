using Conclave.Domain.Dlp;
using CsCheck;

namespace Conclave.Domain.Tests.Dlp;

/// <summary>
/// Properties over generated input: every valid number in every allowed layout is found, with any text
/// around it that keeps it a separate word; and no string at all makes the scanner throw. Input sizes are
/// bounded and the patterns bounded in width, so these runs also show there is no catastrophic case
/// (no timing assertions: a regression would show as a hung test).
/// </summary>
public sealed class ScannerPropertyTests
{
    private static readonly Gen<int> Seeds = Gen.Int[0, int.MaxValue];

    /// <summary>Text that may come before a number: words, punctuation, line breaks; never a letter or digit touching it.</summary>
    private static readonly Gen<string> Before = Gen.OneOf<string>(
        "", " ", "\n", "Here: ", "card ", "see (", ". ", "\t", "« ", "number=", "…");

    /// <summary>Text that may come after a number, on the same terms.</summary>
    private static readonly Gen<string> After = Gen.OneOf<string>(
        "", " ", "\n", ") ", ". ", ", and then", "\t", " »", "…", "! thanks");

    private static readonly Gen<string> Separators = Gen.OneOf<string>("", " ", "-");

    [Fact]
    public void AnyGeneratedCard_InAnyLayout_IsFound() =>
        Gen.Select(Seeds, Gen.OneOf<string>(SyntheticNumbers.CardKinds), Separators, Before, After).Sample((seed, kind, separator, before, after) =>
        {
            var digits = new SyntheticNumbers(seed).Card(kind);
            var number = digits.Length == 13 ? digits : SyntheticNumbers.GroupCard(digits, separator);
            return FoundExactly(SensitiveInfoTypes.CreditCardNumber, before, number, after);
        });

    [Fact]
    public void AnyGeneratedIban_CompactOrGrouped_InAnyCase_IsFound() =>
        Gen.Select(Seeds, Gen.OneOf<string>([.. SyntheticNumbers.IbanLengths.Keys]), Gen.Bool, Gen.Bool, Before).Sample((seed, country, grouped, lower, before) =>
        {
            var compact = new SyntheticNumbers(seed).Iban(country);
            var iban = grouped ? SyntheticNumbers.GroupIban(compact) : compact;
            return FoundExactly(SensitiveInfoTypes.Iban, before, lower ? iban.ToLowerInvariant() : iban, ".");
        });

    [Fact]
    public void AnyGeneratedSsn_WithAnySeparator_IsFound() =>
        Gen.Select(Seeds, Separators, Before, After).Sample((seed, separator, before, after) =>
            FoundExactly(SensitiveInfoTypes.UsSocialSecurityNumber, before, SyntheticNumbers.Group(new SyntheticNumbers(seed).Ssn(), [3, 2, 4], separator), after));

    [Fact]
    public void AnyGeneratedSin_WithAnySeparator_IsFound() =>
        Gen.Select(Seeds, Separators, Before, After).Sample((seed, separator, before, after) =>
            FoundExactly(SensitiveInfoTypes.CanadaSocialInsuranceNumber, before, SyntheticNumbers.Group(new SyntheticNumbers(seed).Sin(), [3, 3, 3], separator), after));

    [Fact]
    public void AnyGeneratedCard_WithOneDigitChanged_IsNotFound() =>
        Gen.Select(Seeds, Gen.OneOf<string>(SyntheticNumbers.CardKinds), Separators).Sample((seed, kind, separator) =>
        {
            var numbers = new SyntheticNumbers(seed);
            var changed = numbers.ChangeOneDigit(numbers.Card(kind));
            return DlpScanner.Scan("credit card " + SyntheticNumbers.GroupCard(changed, separator), [SensitiveInfoTypes.CreditCardNumber]).Count(SensitiveInfoTypes.CreditCardNumber) == 0;
        });

    [Fact]
    public void AnyGeneratedIban_WithOneDigitChanged_IsNotFound() =>
        Gen.Select(Seeds, Gen.OneOf<string>([.. SyntheticNumbers.IbanLengths.Keys]), Gen.Bool).Sample((seed, country, grouped) =>
        {
            var numbers = new SyntheticNumbers(seed);
            var changed = numbers.ChangeOneDigit(numbers.Iban(country));
            return DlpScanner.Scan("IBAN " + (grouped ? SyntheticNumbers.GroupIban(changed) : changed), [SensitiveInfoTypes.Iban]).Count(SensitiveInfoTypes.Iban) == 0;
        });

    [Fact]
    public void AnyString_NeverThrows_AndEveryMatchLiesInTheText() =>
        Gen.OneOf(Gen.String, Gen.String[Gen.Char, 0, 5000], Gen.String[Gen.Char["0123456789 -"], 0, 3000], Gen.String[Gen.Char["0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ -"], 0, 3000])
            .Sample(text =>
            {
                var scan = DlpScanner.Scan(text, SensitiveInfoTypes.BuiltIn);
                return scan.ScannedLength == text.Length && !scan.Truncated
                    && scan.Types.SelectMany(t => t.Matches).All(m => m.Start >= 0 && m.Length > 0 && m.Start + m.Length <= text.Length && !m.MaskedExcerpt.Contains(text.Substring(m.Start, m.Length), StringComparison.Ordinal));
            });

    [Theory]
    [InlineData('1')]
    [InlineData('4')]
    [InlineData(' ')]
    [InlineData('A')]
    public void LargestInput_OfOneRepeatedCharacter_IsScannedWholeAndFindsNothing(char c)
    {
        var text = new string(c, DlpScanner.MaxScannedChars);
        var scan = DlpScanner.Scan(text, SensitiveInfoTypes.BuiltIn);
        Assert.Equal(text.Length, scan.ScannedLength);
        Assert.All(scan.Types, t => Assert.Equal(0, t.Count));
    }

    [Fact]
    public void LargestInput_OfValidNumbers_CountsAllAndKeepsTheFirstHundred()
    {
        // "4111 1111 1111 1111 | " is 22 characters: a whole megabyte of separate cards.
        var one = "4111 1111 1111 1111 | ";
        var copies = DlpScanner.MaxScannedChars / one.Length;
        var text = string.Concat(Enumerable.Repeat(one, copies));
        var result = DlpScanner.Scan(text, [SensitiveInfoTypes.CreditCardNumber]).Types.Single();
        Assert.Equal(copies, result.Count);
        Assert.Equal(100, result.Matches.Count);
    }

    [Fact]
    public void InputLongerThanTheBound_IsTruncated_AndSaysSo()
    {
        var text = new string('x', DlpScanner.MaxScannedChars) + " 4111 1111 1111 1111";
        var scan = DlpScanner.Scan(text, [SensitiveInfoTypes.CreditCardNumber]);
        Assert.True(scan.Truncated);
        Assert.Equal(DlpScanner.MaxScannedChars, scan.ScannedLength);
        Assert.Equal(0, scan.Count(SensitiveInfoTypes.CreditCardNumber));
        Assert.False(DlpScanner.Scan(text.AsSpan()[..DlpScanner.MaxScannedChars], [SensitiveInfoTypes.CreditCardNumber]).Truncated);
    }

    [Fact]
    public void Truncation_NeverSplitsASurrogatePair()
    {
        var text = new string('x', DlpScanner.MaxScannedChars - 1) + "😀 tail";
        Assert.Equal(DlpScanner.MaxScannedChars - 1, DlpScanner.Scan(text, SensitiveInfoTypes.BuiltIn).ScannedLength);
    }

    private static bool FoundExactly(SensitiveInfoType type, string before, string number, string after)
    {
        var text = before + number + after;
        var result = DlpScanner.Scan(text, [type]).Types.Single();
        return result.Count == 1 && result.Matches[0].Start == before.Length && result.Matches[0].Length == number.Length;
    }
}
