namespace Conclave.Domain.Dlp;

/// <summary>
/// Finds sensitive information in text: a chat message, or the text later extracted from a file (the
/// extraction is the caller's; the scanner only sees characters). Reads at most
/// <see cref="MaxScannedChars"/> characters, never throws on any text, and takes time linear in what it
/// reads: every built-in pattern has a bounded width and custom patterns run on the non-backtracking engine.
/// </summary>
public static class DlpScanner
{
    /// <summary>
    /// 1 Mi UTF-16 characters (2 MiB): far above a chat message (28,000 characters at most), enough
    /// for the text of a typical document; past it the result says <see cref="DlpScanResult.Truncated"/>
    /// and the caller decides (a policy may treat an unscanned remainder as a reason to hold the content).
    /// </summary>
    public const int MaxScannedChars = 1 << 20;

    /// <summary>Looks for each of <paramref name="types"/> (duplicates once) in the first <see cref="MaxScannedChars"/> characters of <paramref name="text"/>.</summary>
    public static DlpScanResult Scan(ReadOnlySpan<char> text, IEnumerable<SensitiveInfoType> types)
    {
        var truncated = text.Length > MaxScannedChars;
        if (truncated)
        {
            text = text[..MaxScannedChars];
            if (char.IsHighSurrogate(text[^1]))
            {
                text = text[..^1];
            }
        }

        var results = new List<SensitiveInfoTypeResult>();
        var seen = new HashSet<SensitiveInfoType>(ReferenceEqualityComparer.Instance);
        foreach (var type in types)
        {
            if (!seen.Add(type))
            {
                continue;
            }

            var matches = new MatchCollector(type);
            type.Find(text, matches);
            results.Add(matches.ToResult());
        }

        return new DlpScanResult(results, text.Length, truncated);
    }
}
