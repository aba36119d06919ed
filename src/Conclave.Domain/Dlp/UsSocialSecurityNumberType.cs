using System.Text.RegularExpressions;

namespace Conclave.Domain.Dlp;

/// <summary>
/// Purview's "U.S. Social Security Number (SSN)": AAA-GG-SSSS with dashes, spaces (the same one twice)
/// or nothing between the parts. The Social Security Administration never issues area 000, 666 or 900–999,
/// group 00 or serial 0000, and it voided the numbers printed on sample cards and in advertisements
/// (078-05-1120, 219-09-9999), so none of those match.
/// Confidence follows Purview's reasoning that nine bare digits are weak evidence:
/// <list type="bullet">
/// <item>high: formatted (3-2-4 with a separator) and an SSN keyword within 300 characters;</item>
/// <item>medium: formatted without a keyword (the 3-2-4 shape is rare outside SSNs), or nine bare digits with a keyword;</item>
/// <item>low: nine bare digits with no keyword (order, account and phone numbers look the same).</item>
/// </list>
/// </summary>
internal sealed partial class UsSocialSecurityNumberType() : SensitiveInfoType(TypeName, new KeywordSet(SsnKeywords), DefaultKeywordProximity)
{
    public const string TypeName = "U.S. Social Security Number (SSN)";

    private static readonly string[] SsnKeywords =
    [
        "SSN", "SSNs", "SSN#", "SS#", "SSID", "social security", "soc sec", "social security number", "social security no",
        "social security card", "seguro social", "número de seguro social", "sécurité sociale américaine",
    ];

    // 11 characters at most: bounded width, so linear.
    [GeneratedRegex(@"(?<!\w)(?:[0-9]{3}(?<s>[ -])[0-9]{2}\k<s>[0-9]{4}|[0-9]{9})(?!\w)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Shape();

    internal override void Find(ReadOnlySpan<char> text, MatchCollector matches)
    {
        Span<byte> digits = stackalloc byte[9];
        foreach (var match in Shape().EnumerateMatches(text))
        {
            var end = match.Index + match.Length;
            var value = text.Slice(match.Index, match.Length);
            var separator = NumberText.SeparatorOf(value);
            if (NumberText.CopyDigits(value, digits) != 9 || !NumberText.StandsAlone(text, match.Index, end, separator) || !IsIssuable(digits))
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

    private static bool IsIssuable(ReadOnlySpan<byte> d)
    {
        var area = (d[0] * 100) + (d[1] * 10) + d[2];
        var group = (d[3] * 10) + d[4];
        var serial = (d[5] * 1000) + (d[6] * 100) + (d[7] * 10) + d[8];
        var voided = (area, group, serial) is (78, 5, 1120) or (219, 9, 9999);
        return area is not (0 or 666 or >= 900) && group != 0 && serial != 0 && !voided;
    }
}
