using System.Text.RegularExpressions;

namespace Conclave.Domain.Dlp;

/// <summary>
/// Purview's "International Banking Account Number (IBAN)": a country code, two check digits and the
/// national account number (BBAN), written together or in groups of four separated by single spaces
/// (ISO 13616-1's print format), letters in either case. It is an IBAN when the country uses IBANs, the
/// length is that country's, the check digits are 02 to 98 and the ISO 7064 mod-97 check passes.
/// Confidence: medium for a valid IBAN (mod 97 lets a random string of the right shape through one time
/// in 97), high with a banking keyword within 300 characters.
/// </summary>
internal sealed partial class IbanType() : SensitiveInfoType(TypeName, new KeywordSet(IbanKeywords, ExactCaseKeywords), DefaultKeywordProximity)
{
    public const string TypeName = "International Banking Account Number (IBAN)";

    /// <summary>ISO 13616-1: an IBAN has at most 34 characters.</summary>
    private const int MaxLength = 34;

    private static readonly string[] IbanKeywords =
    [
        "IBAN", "bank account", "account number", "account no", "bic", "swift", "sort code", "wire transfer",
        "bank transfer", "Kontonummer", "Bankverbindung", "Überweisung", "compte bancaire", "numéro de compte",
        "virement", "cuenta bancaria", "número de cuenta", "transferencia", "conto corrente", "bonifico", "rekeningnummer",
        "conta bancária", "konto",
    ];

    // French "relevé d'identité bancaire"; lower-case "rib" is an English word.
    private static readonly string[] ExactCaseKeywords = ["RIB"];

    // At most 4 + 7 × 5 + 4 characters in the grouped form and 34 together: bounded width, so linear.
    [GeneratedRegex(
        @"(?<!\w)[A-Za-z]{2}[0-9]{2}(?:[A-Za-z0-9]{11,30}|(?: [A-Za-z0-9]{4}){2,7}(?: [A-Za-z0-9]{1,3})?)(?!\w)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Shape();

    internal override void Find(ReadOnlySpan<char> text, MatchCollector matches)
    {
        Span<char> compact = stackalloc char[MaxLength + 8];
        foreach (var match in Shape().EnumerateMatches(text))
        {
            var value = text.Slice(match.Index, match.Length);
            var count = 0;
            foreach (var c in value)
            {
                if (c != ' ' && count < compact.Length)
                {
                    compact[count++] = char.ToUpperInvariant(c);
                }
            }

            var length = IbanCountries.LengthOf(compact[..2]);
            if (length == 0 || count < length || !TryTrim(value, length, out var valueLength))
            {
                continue;
            }

            var iban = compact[..length];
            var check = ((iban[2] - '0') * 10) + (iban[3] - '0');
            if (check is < 2 or > 98 || !Iso7064Mod97.IsValidIban(iban))
            {
                continue;
            }

            var end = match.Index + valueLength;
            var confidence = matches.HasKeywordNear(text, match.Index, end) ? DlpConfidence.High : DlpConfidence.Medium;
            matches.Add(text, match.Index, valueLength, confidence);
        }
    }

    /// <summary>
    /// The grouped form can run into a following word of four letters or digits ("BE68 5390 0754 7034 SENT"):
    /// the IBAN is then its country's length of characters when that ends where a group ends. The compact
    /// form must be exactly the country's length.
    /// </summary>
    private static bool TryTrim(ReadOnlySpan<char> value, int length, out int valueLength)
    {
        var seen = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != ' ')
            {
                seen++;
            }

            if (seen == length)
            {
                valueLength = i + 1;
                return valueLength == value.Length || value[valueLength] == ' ';
            }
        }

        valueLength = 0;
        return false;
    }
}
