using System.Text.RegularExpressions;

namespace Conclave.Domain.Dlp;

/// <summary>
/// Purview's "Credit Card Number": 13 to 19 digits, written together or in the groups cards print
/// (4-4-4-4, 4-4-4-4-3, and American Express and Diners 4-6-5 and 4-6-4) with one kind of separator,
/// space or dash, used throughout; the Luhn check passes, the number lies in a major network's IIN range
/// with one of its lengths, and its digits are not all the same.
/// Confidence as Purview's definition: medium for a valid number, high with a card keyword within 300
/// characters (the checksum and IIN range already make a chance match rare; the keyword settles it).
/// </summary>
internal sealed partial class CreditCardNumberType() : SensitiveInfoType(TypeName, new KeywordSet(CardKeywords), DefaultKeywordProximity)
{
    public const string TypeName = "Credit Card Number";

    private const int MaxDigits = 19;

    private static readonly string[] CardKeywords =
    [
        "credit card", "debit card", "card number", "card no", "card #", "cc#", "cc #", "visa", "mastercard", "master card",
        "amex", "american express", "discover", "diners club", "jcb", "unionpay", "maestro", "expiry", "expiration",
        "exp date", "cvv", "cvc", "carte de crédit", "carte bancaire", "numéro de carte", "kreditkarte", "kartennummer",
        "tarjeta de crédito", "número de tarjeta", "carta di credito", "numero di carta", "cartão de crédito",
        "creditcard", "kaartnummer",
    ];

    // Every alternative has a fixed largest width (23 characters), so the engine does constant work at each
    // starting position and the scan is linear in the text; (?<!\w) and (?!\w) keep it off longer words.
    [GeneratedRegex(
        @"(?<!\w)(?:[0-9]{4}(?<s>[ -])[0-9]{4}\k<s>[0-9]{4}\k<s>[0-9]{4}(?:\k<s>[0-9]{3})?|[0-9]{4}(?<s>[ -])[0-9]{6}\k<s>[0-9]{4,5}|[0-9]{13,19})(?!\w)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Shape();

    internal override void Find(ReadOnlySpan<char> text, MatchCollector matches)
    {
        Span<byte> buffer = stackalloc byte[MaxDigits];
        foreach (var match in Shape().EnumerateMatches(text))
        {
            var end = match.Index + match.Length;
            var value = text.Slice(match.Index, match.Length);
            var count = NumberText.CopyDigits(value, buffer);
            if (count < 0)
            {
                continue;
            }

            var digits = buffer[..count];
            if (!NumberText.StandsAlone(text, match.Index, end, NumberText.SeparatorOf(value))
                || NumberText.AllSame(digits)
                || !Luhn.IsValid(digits)
                || CardNetworks.NetworkOf(digits) is null)
            {
                continue;
            }

            var confidence = matches.HasKeywordNear(text, match.Index, end) ? DlpConfidence.High : DlpConfidence.Medium;
            matches.Add(text, match.Index, match.Length, confidence);
        }
    }
}
