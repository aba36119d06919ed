using Conclave.Domain.Common;

namespace Conclave.Domain.Dlp;

/// <summary>
/// "Content contains <see cref="Type"/> with at least <see cref="MinCount"/> instances at confidence
/// <see cref="MinConfidence"/> or above" (Purview's content-contains condition; every occurrence counts).
/// </summary>
public sealed class DlpCondition
{
    /// <summary>Purview's instance counts go from 1 to 500.</summary>
    public const int MaxMinCount = 500;

    private DlpCondition(SensitiveInfoType type, int minCount, DlpConfidence minConfidence)
    {
        Type = type;
        MinCount = minCount;
        MinConfidence = minConfidence;
    }

    public SensitiveInfoType Type { get; }

    public int MinCount { get; }

    public DlpConfidence MinConfidence { get; }

    /// <summary>A condition on <paramref name="type"/>, or <c>dlp.invalid_threshold</c>.</summary>
    /// <param name="type">The type to look for.</param>
    /// <param name="minCount">Instances needed, 1 to 500; default 1.</param>
    /// <param name="minConfidence">Lowest confidence that counts; default medium (Purview's default for its templates).</param>
    public static Result<DlpCondition> Create(SensitiveInfoType type, int minCount = 1, DlpConfidence minConfidence = DlpConfidence.Medium)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (minCount is < 1 or > MaxMinCount)
        {
            return DlpErrors.InvalidThreshold($"the instance count must be from 1 to {MaxMinCount}");
        }

        if (!Enum.IsDefined(minConfidence))
        {
            return DlpErrors.InvalidThreshold("the confidence must be Low, Medium or High");
        }

        return new DlpCondition(type, minCount, minConfidence);
    }

    /// <summary>A condition on the type named <paramref name="typeName"/> in <paramref name="catalog"/>, or <c>dlp.unknown_type</c> / <c>dlp.invalid_threshold</c>.</summary>
    public static Result<DlpCondition> Create(SensitiveInfoTypeCatalog catalog, string typeName, int minCount = 1, DlpConfidence minConfidence = DlpConfidence.Medium)
    {
        var type = catalog.Find(typeName);
        return type.IsSuccess ? Create(type.Value, minCount, minConfidence) : type.Error;
    }

    public bool IsMetBy(DlpScanResult scan) => scan.Count(Type, MinConfidence) >= MinCount;
}
