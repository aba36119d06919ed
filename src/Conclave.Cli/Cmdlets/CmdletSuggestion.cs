namespace Conclave.Cli.Cmdlets;

/// <summary>The cmdlet a mistyped name most likely meant, by edit distance (Levenshtein, case-insensitive).</summary>
internal static class CmdletSuggestion
{
    /// <summary>The closest cmdlet name, or null when none is close enough to be a typo of <paramref name="typed"/>.</summary>
    public static string? Closest(string typed, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(typed);
        // A third of the name, at least two edits: "Get-CsUzer" finds Get-CsUser, "frobnicate" finds nothing.
        var allowed = Math.Max(2, typed.Length / 3);
        var upper = typed.ToUpperInvariant();
        return names
            .Select(name => (Name: name, Distance: Distance(upper, name.ToUpperInvariant())))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    /// <summary>The number of single-character insertions, deletions and substitutions from one to the other.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
