namespace Conclave.Domain.Dlp;

/// <summary>What a scan found, type by type, and how much of the text it read.</summary>
public sealed class DlpScanResult
{
    internal DlpScanResult(IReadOnlyList<SensitiveInfoTypeResult> types, int scannedLength, bool truncated)
    {
        Types = types;
        ScannedLength = scannedLength;
        Truncated = truncated;
    }

    /// <summary>One entry per type scanned for, found or not, in the order asked.</summary>
    public IReadOnlyList<SensitiveInfoTypeResult> Types { get; }

    /// <summary>Characters read from the start of the text.</summary>
    public int ScannedLength { get; }

    /// <summary>The text was longer than <see cref="DlpScanner.MaxScannedChars"/>; the rest was not read.</summary>
    public bool Truncated { get; }

    /// <summary>A type could not finish (see <see cref="SensitiveInfoTypeResult.Incomplete"/>).</summary>
    public bool Incomplete => Types.Any(t => t.Incomplete);

    /// <summary>The result for <paramref name="type"/>, or null when it was not scanned for.</summary>
    public SensitiveInfoTypeResult? For(SensitiveInfoType type)
    {
        foreach (var result in Types)
        {
            if (ReferenceEquals(result.Type, type))
            {
                return result;
            }
        }

        return null;
    }

    /// <summary>Matches of <paramref name="type"/> at <paramref name="confidence"/> or above (0 when not scanned for).</summary>
    public int Count(SensitiveInfoType type, DlpConfidence confidence = DlpConfidence.Low) => For(type)?.CountAtLeast(confidence) ?? 0;
}
