using System.Text.RegularExpressions;

namespace Conclave.Domain.Dlp;

/// <summary>
/// Purview's "Canada Social Insurance Number": nine digits, grouped 3-3-3 with spaces or dashes (the same
/// one twice) or written together, passing the Luhn check. The first digit is a region (1–7) or 9 for
/// temporary residents; 0 and 8 are not issued to people, so they do not match.
/// Confidence as for SSNs, for the same reason (nine bare digits are weak evidence):
/// high when formatted and a SIN keyword is within 300 characters, medium when formatted or when bare
/// with a keyword, low when bare without a keyword.
/// </summary>
internal sealed partial class CanadaSocialInsuranceNumberType() : SensitiveInfoType(TypeName, new KeywordSet(SinKeywords, ExactCaseKeywords), DefaultKeywordProximity)
{
    public const string TypeName = "Canada Social Insurance Number";

    private static readonly string[] SinKeywords =
    [
        "SIN#", "social insurance", "social insurance number", "social ins", "insurance number",
        "assurance sociale", "numéro d'assurance sociale", "numéro d’assurance sociale", "no d'assurance sociale",
    ];

    // "sin" is a Spanish word and "nas" a name: only the capitalised acronyms count.
    private static readonly string[] ExactCaseKeywords = ["SIN", "NAS"];

    // 11 characters at most: bounded width, so linear.
    [GeneratedRegex(@"(?<!\w)(?:[0-9]{3}(?<s>[ -])[0-9]{3}\k<s>[0-9]{3}|[0-9]{9})(?!\w)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Shape();

    internal override void Find(ReadOnlySpan<char> text, MatchCollector matches)
    {
        Span<byte> digits = stackalloc byte[9];
        foreach (var match in Shape().EnumerateMatches(text))
        {
            var end = match.Index + match.Length;
            var value = text.Slice(match.Index, match.Length);
            var separator = NumberText.SeparatorOf(value);
            if (NumberText.CopyDigits(value, digits) != 9
                || !NumberText.StandsAlone(text, match.Index, end, separator)
                || digits[0] is 0 or 8
                || NumberText.AllSame(digits)
                || !Luhn.IsValid(digits))
            {
                continue;
            }

            var formatted = separator != NumberText.NoSeparator;
            var keyword = matches.HasKeywordNear(text, match.Index, end);
            var confidence = (formatted, keyword) switch
            {
                (true, true) => DlpConfidence.High,
                (false, false) => DlpConfidence.Low,
                _ => DlpConfidence.Medium,
            };
            matches.Add(text, match.Index, match.Length, confidence);
        }
    }
}
