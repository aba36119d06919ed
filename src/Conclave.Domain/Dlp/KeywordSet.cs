using System.Buffers;

namespace Conclave.Domain.Dlp;

/// <summary>
/// The supporting keywords of a type and how to find them: whole words only (a keyword inside a longer
/// word does not count), case-insensitive, except the acronyms given as exact-case (such as <c>SIN</c> or
/// <c>NAS</c>), which match only as written so that Spanish "sin" or a name "Nas" do not raise a match's
/// confidence.
/// </summary>
internal sealed class KeywordSet
{
    private readonly string[] _anyCase;
    private readonly string[] _exactCase;
    private readonly SearchValues<string> _anyCaseSearch;
    private readonly SearchValues<string> _exactCaseSearch;

    public KeywordSet(IEnumerable<string> words, IEnumerable<string>? exactCase = null)
    {
        _anyCase = words.ToArray();
        _exactCase = (exactCase ?? []).ToArray();
        _anyCaseSearch = SearchValues.Create(_anyCase, StringComparison.OrdinalIgnoreCase);
        _exactCaseSearch = SearchValues.Create(_exactCase, StringComparison.Ordinal);
        Words = [.. _anyCase, .. _exactCase];
        LongestWord = Words.Count == 0 ? 0 : Words.Max(w => w.Length);
    }

    public static KeywordSet Empty { get; } = new([]);

    public IReadOnlyList<string> Words { get; }

    public int LongestWord { get; }

    /// <summary>
    /// Every occurrence of every keyword, in order of position. One vectorised multi-string search over the
    /// text finds where any keyword starts (a search per keyword with <c>OrdinalIgnoreCase</c> is some
    /// hundred times slower), then the keywords are compared at that place: linear in the text.
    /// </summary>
    public KeywordHits FindAll(ReadOnlySpan<char> text)
    {
        var starts = new List<int>();
        var ends = new List<int>();
        Collect(text, _anyCase, _anyCaseSearch, StringComparison.OrdinalIgnoreCase, starts, ends);
        Collect(text, _exactCase, _exactCaseSearch, StringComparison.Ordinal, starts, ends);
        return new KeywordHits(starts, ends, LongestWord);
    }

    private static void Collect(ReadOnlySpan<char> text, string[] words, SearchValues<string> search, StringComparison comparison, List<int> starts, List<int> ends)
    {
        if (words.Length == 0)
        {
            return;
        }

        var from = 0;
        while (from < text.Length)
        {
            var at = text[from..].IndexOfAny(search);
            if (at < 0)
            {
                return;
            }

            var start = from + at;
            foreach (var word in words)
            {
                if (text[start..].StartsWith(word, comparison) && IsWholeWord(text, start, start + word.Length))
                {
                    starts.Add(start);
                    ends.Add(start + word.Length);
                }
            }

            from = start + 1;
        }
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
