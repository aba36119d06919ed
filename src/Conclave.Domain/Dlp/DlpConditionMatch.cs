namespace Conclave.Domain.Dlp;

/// <summary>How a rule combines its conditions (Purview's "any of these" and "all of these" groups).</summary>
public enum DlpConditionMatch
{
    Any,
    All,
}
