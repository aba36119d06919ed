namespace Conclave.Domain.Dlp;

/// <summary>
/// Gathers one type's matches during a scan: counts them by confidence, keeps the first
/// <see cref="MaxKeptMatches"/> with their masked excerpts, and finds the type's keywords in the text
/// only when a first candidate needs them (most messages hold no number at all).
/// </summary>
internal sealed class MatchCollector(SensitiveInfoType type)
{
    /// <summary>Enough for a policy tip or an audit record; the counts stay exact beyond it.</summary>
    public const int MaxKeptMatches = 100;

    private readonly List<SensitiveInfoMatch> _kept = [];
    private int _low;
    private int _medium;
    private int _high;
    private KeywordHits? _keywords;
    private bool _incomplete;

    public bool HasKeywordNear(ReadOnlySpan<char> text, int start, int end)
    {
        if (type.KeywordSet.Words.Count == 0)
        {
            return false;
        }

        _keywords ??= type.KeywordSet.FindAll(text);
        return _keywords.AnyWithin(start - type.KeywordProximity, end + type.KeywordProximity);
    }

    public void Add(ReadOnlySpan<char> text, int start, int length, DlpConfidence confidence)
    {
        switch (confidence)
        {
            case DlpConfidence.High:
                _high++;
                break;
            case DlpConfidence.Medium:
                _medium++;
                break;
            default:
                _low++;
                break;
        }

        if (_kept.Count < MaxKeptMatches)
        {
            _kept.Add(new SensitiveInfoMatch(type, confidence, start, length, Masking.Mask(text.Slice(start, length))));
        }
    }

    /// <summary>The type could not finish (a custom pattern ran out of time): what it found so far stands.</summary>
    public void MarkIncomplete() => _incomplete = true;

    public SensitiveInfoTypeResult ToResult() => new(type, _kept, _low, _medium, _high, _incomplete);
}
