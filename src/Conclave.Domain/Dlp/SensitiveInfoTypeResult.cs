namespace Conclave.Domain.Dlp;

/// <summary>What one scan found of one type: how many matches at each confidence, and the first few of them.</summary>
public sealed class SensitiveInfoTypeResult
{
    internal SensitiveInfoTypeResult(SensitiveInfoType type, IReadOnlyList<SensitiveInfoMatch> matches, int low, int medium, int high, bool incomplete)
    {
        Type = type;
        Matches = matches;
        LowCount = low;
        MediumCount = medium;
        HighCount = high;
        Incomplete = incomplete;
    }

    public SensitiveInfoType Type { get; }

    /// <summary>The first matches in text order (at most 100; the counts include all of them).</summary>
    public IReadOnlyList<SensitiveInfoMatch> Matches { get; }

    public int LowCount { get; }

    public int MediumCount { get; }

    public int HighCount { get; }

    /// <summary>Every match, at any confidence.</summary>
    public int Count => LowCount + MediumCount + HighCount;

    /// <summary>The type stopped early (a custom pattern ran out of time); the counts are a lower bound.</summary>
    public bool Incomplete { get; }

    /// <summary>Matches at <paramref name="confidence"/> or above.</summary>
    public int CountAtLeast(DlpConfidence confidence) =>
        (confidence <= DlpConfidence.Low ? LowCount : 0)
        + (confidence <= DlpConfidence.Medium ? MediumCount : 0)
        + (confidence <= DlpConfidence.High ? HighCount : 0);
}
