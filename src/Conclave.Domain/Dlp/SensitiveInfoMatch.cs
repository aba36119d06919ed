namespace Conclave.Domain.Dlp;

/// <summary>
/// One match of a sensitive information type: where it is in the scanned text (UTF-16 offsets) and an
/// excerpt safe to show or log, with every letter and digit masked but the last four
/// (<c>**** **** **** 1234</c>). The matched value itself is never kept.
/// </summary>
public sealed record SensitiveInfoMatch(SensitiveInfoType Type, DlpConfidence Confidence, int Start, int Length, string MaskedExcerpt);
