namespace Conclave.Domain.Dlp;

/// <summary>
/// How sure the scanner is that a match is what its type says. The values are Purview's confidence
/// levels (low 65, medium 75, high 85), so a rule written as "confidence ≥ 75" means the same here.
/// </summary>
public enum DlpConfidence
{
    Low = 65,
    Medium = 75,
    High = 85,
}
