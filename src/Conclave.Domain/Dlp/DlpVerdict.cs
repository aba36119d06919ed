namespace Conclave.Domain.Dlp;

/// <summary>
/// A policy's answer for one piece of content: the strongest action of the rules that matched
/// (<see cref="DlpAction.None"/> when none did), the names of those rules, and the scan behind it (for the
/// policy tip's masked excerpts and the audit record).
/// </summary>
public sealed class DlpVerdict
{
    internal DlpVerdict(DlpAction action, IReadOnlyList<string> matchedRules, DlpScanResult scan)
    {
        Action = action;
        MatchedRules = matchedRules;
        Scan = scan;
    }

    public DlpAction Action { get; }

    /// <summary>The rules that matched, in the policy's order.</summary>
    public IReadOnlyList<string> MatchedRules { get; }

    public DlpScanResult Scan { get; }

    /// <summary>The content must not go through.</summary>
    public bool IsBlocked => Action == DlpAction.Block;

    /// <summary>The content goes through only with the sender's business justification.</summary>
    public bool RequiresJustification => Action == DlpAction.BlockWithOverride;

    /// <summary>Only the first <see cref="DlpScanner.MaxScannedChars"/> characters were read.</summary>
    public bool Truncated => Scan.Truncated;
}
