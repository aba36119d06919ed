namespace Conclave.Domain.Dlp;

/// <summary>
/// The supporting keywords of a type and how to find them: whole words only (a keyword inside a longer
/// word does not count), case-insensitive, except the acronyms given as exact-case (such as <c>SIN</c> or
/// <c>NAS</c>), which match only as written so that Spanish "sin" or a name "Nas" do not raise a match's
/// confidence.
/// </summary>
internal sealed class KeywordSet
{
    private readonly (string Word, StringComparison Comparison)[] _entries;

    public KeywordSet(IEnumerable<string> words, IEnumerable<string>? exactCase = null)
    {
        var anyCase = words.ToArray();
        var exact = (exactCase ?? []).ToArray();
        Words = [.. anyCase, .. exact];
        _entries =
        [
            .. anyCase.Select(w => (w, StringComparison.OrdinalIgnoreCase)),
            .. exact.Select(w => (w, StringComparison.Ordinal)),
        ];
        LongestWord = Words.Count == 0 ? 0 : Words.Max(w => w.Length);
    }

    public static KeywordSet Empty { get; } = new([]);

    public IReadOnlyList<string> Words { get; }

    public int LongestWord { get; }

    /// <summary>
    /// Every occurrence of every keyword, in order of position. One vectorised search per keyword over
    /// the text, so the cost is linear in the text for a fixed set of keywords.
    /// </summary>
    public KeywordHits FindAll(ReadOnlySpan<char> text)
    {
        var starts = new List<int>();
        var ends = new List<int>();
        foreach (var (word, comparison) in _entries)
        {
            var from = 0;
            while (from < text.Length)
            {
                var at = text[from..].IndexOf(word, comparison);
                if (at < 0)
                {
                    break;
                }

                var start = from + at;
                var end = start + word.Length;
                if (IsWholeWord(text, start, end))
                {
                    starts.Add(start);
                    ends.Add(end);
                }

                from = start + 1;
            }
        }

        return new KeywordHits(starts, ends, LongestWord);
    }

    private static bool IsWholeWord(ReadOnlySpan<char> text, int start, int end) =>
        (start == 0 || !char.IsLetterOrDigit(text[start]) || !char.IsLetterOrDigit(text[start - 1]))
        && (end == text.Length || !char.IsLetterOrDigit(text[end - 1]) || !char.IsLetterOrDigit(text[end]));
}

/// <summary>Where the keywords of one type occur in one text, sorted by start.</summary>
internal sealed class KeywordHits
{
    private readonly int[] _starts;
    private readonly int[] _ends;
    private readonly int _longest;

    public KeywordHits(List<int> starts, List<int> ends, int longest)
    {
        _starts = [.. starts];
        _ends = [.. ends];
        Array.Sort(_starts, _ends);
        _longest = longest;
    }

    /// <summary>Whether a keyword overlaps the range [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public bool AnyWithin(int from, int to)
    {
        // A hit that reaches into the range starts at most one keyword length before it.
        var first = Array.BinarySearch(_starts, Math.Max(0, from - _longest));
        for (var i = first < 0 ? ~first : first; i < _starts.Length && _starts[i] < to; i++)
        {
            if (_ends[i] > from)
            {
                return true;
            }
        }

        return false;
    }
}
