namespace Conclave.Domain.Dlp;

/// <summary>
/// A kind of sensitive information the scanner looks for (Purview's "sensitive information type"):
/// a built-in one from <see cref="SensitiveInfoTypes"/> or a <see cref="CustomSensitiveInfoType"/>.
/// </summary>
public abstract class SensitiveInfoType
{
    /// <summary>Purview's proximity window: supporting keywords count within 300 characters of a match.</summary>
    public const int DefaultKeywordProximity = 300;

    private protected SensitiveInfoType(string name, KeywordSet keywords, int keywordProximity)
    {
        Name = name;
        KeywordSet = keywords;
        KeywordProximity = keywordProximity;
    }

    /// <summary>The name rules refer to it by (Purview's name for the built-in types).</summary>
    public string Name { get; }

    /// <summary>Words that raise a match's confidence (built-in types) or that a match needs (custom types).</summary>
    public IReadOnlyList<string> Keywords => KeywordSet.Words;

    /// <summary>How far from a match, in characters either side, a keyword counts.</summary>
    public int KeywordProximity { get; }

    internal KeywordSet KeywordSet { get; }

    /// <summary>Reports every match in <paramref name="text"/> to <paramref name="matches"/>; never throws on any text.</summary>
    internal abstract void Find(ReadOnlySpan<char> text, MatchCollector matches);

    public override string ToString() => Name;
}
