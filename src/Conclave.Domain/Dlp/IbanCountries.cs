namespace Conclave.Domain.Dlp;

/// <summary>
/// The length of an IBAN in each country that uses one (the SWIFT IBAN registry): every SEPA country and
/// a selection of others. A valid mod-97 check on the wrong length for its country is not an IBAN.
/// </summary>
internal static class IbanCountries
{
    private static readonly Dictionary<string, int> Lengths = new(StringComparer.Ordinal)
    {
        // SEPA
        ["AD"] = 24,
        ["AT"] = 20,
        ["BE"] = 16,
        ["BG"] = 22,
        ["CH"] = 21,
        ["CY"] = 28,
        ["CZ"] = 24,
        ["DE"] = 22,
        ["DK"] = 18,
        ["EE"] = 20,
        ["ES"] = 24,
        ["FI"] = 18,
        ["FR"] = 27,
        ["GB"] = 22,
        ["GI"] = 23,
        ["GR"] = 27,
        ["HR"] = 21,
        ["HU"] = 28,
        ["IE"] = 22,
        ["IS"] = 26,
        ["IT"] = 27,
        ["LI"] = 21,
        ["LT"] = 20,
        ["LU"] = 20,
        ["LV"] = 21,
        ["MC"] = 27,
        ["MT"] = 31,
        ["NL"] = 18,
        ["NO"] = 15,
        ["PL"] = 28,
        ["PT"] = 25,
        ["RO"] = 24,
        ["SE"] = 24,
        ["SI"] = 19,
        ["SK"] = 24,
        ["SM"] = 27,
        ["VA"] = 22,

        // Elsewhere
        ["AE"] = 23,
        ["AL"] = 28,
        ["AZ"] = 28,
        ["BA"] = 20,
        ["BH"] = 22,
        ["BR"] = 29,
        ["CR"] = 22,
        ["DO"] = 28,
        ["FO"] = 18,
        ["GE"] = 22,
        ["GL"] = 18,
        ["GT"] = 28,
        ["IL"] = 23,
        ["JO"] = 30,
        ["KW"] = 30,
        ["KZ"] = 20,
        ["LB"] = 28,
        ["MD"] = 24,
        ["ME"] = 22,
        ["MK"] = 19,
        ["MR"] = 27,
        ["MU"] = 30,
        ["PK"] = 24,
        ["PS"] = 29,
        ["QA"] = 29,
        ["RS"] = 22,
        ["SA"] = 24,
        ["TN"] = 24,
        ["TR"] = 26,
        ["UA"] = 29,
        ["XK"] = 20,
    };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ByCode =
        Lengths.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The IBAN length of the country <paramref name="code"/> (two capital letters), or 0 when it has none.</summary>
    public static int LengthOf(ReadOnlySpan<char> code) => ByCode.TryGetValue(code, out var length) ? length : 0;
}
