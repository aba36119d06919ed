using Conclave.Domain.Common;

namespace Conclave.Domain.Dlp;

/// <summary>
/// The sensitive information types an organisation's rules can name: the built-in ones and its custom
/// ones, by name without regard to case.
/// </summary>
public sealed class SensitiveInfoTypeCatalog
{
    private readonly Dictionary<string, SensitiveInfoType> _byName;

    private SensitiveInfoTypeCatalog(Dictionary<string, SensitiveInfoType> byName) => _byName = byName;

    /// <summary>Only the built-in types.</summary>
    public static SensitiveInfoTypeCatalog BuiltIn { get; } =
        new(SensitiveInfoTypes.BuiltIn.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase));

    public IEnumerable<SensitiveInfoType> All => _byName.Values;

    /// <summary>The built-in types and <paramref name="custom"/>, or <c>dlp.duplicate_type</c> when two share a name.</summary>
    public static Result<SensitiveInfoTypeCatalog> Create(IEnumerable<CustomSensitiveInfoType> custom)
    {
        var byName = new Dictionary<string, SensitiveInfoType>(BuiltIn._byName, StringComparer.OrdinalIgnoreCase);
        foreach (var type in custom)
        {
            if (!byName.TryAdd(type.Name, type))
            {
                return DlpErrors.DuplicateType(type.Name);
            }
        }

        return new SensitiveInfoTypeCatalog(byName);
    }

    /// <summary>The type named <paramref name="name"/>, or <c>dlp.unknown_type</c>.</summary>
    public Result<SensitiveInfoType> Find(string name) =>
        name is not null && _byName.TryGetValue(name.Trim(), out var type) ? Result<SensitiveInfoType>.Success(type) : DlpErrors.UnknownType(name ?? string.Empty);
}
