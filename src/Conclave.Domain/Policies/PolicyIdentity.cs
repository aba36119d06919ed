using Conclave.Domain.Common;

namespace Conclave.Domain.Policies;

/// <summary>
/// A policy's identity as Teams writes it: <c>Global</c> (the tenant's built-in policy of each
/// type) or <c>Tag:Name</c> for a custom policy. <c>Name</c> alone is read as <c>Tag:Name</c>.
/// Names contain no spaces and compare without regard to case, as in Teams.
/// </summary>
public readonly struct PolicyIdentity : IEquatable<PolicyIdentity>
{
    /// <summary>Longest custom name accepted.</summary>
    public const int MaxNameLength = 128;

    private const string GlobalName = "Global";
    private const string TagPrefix = "Tag:";

    private PolicyIdentity(string? name) => Name = name;

    public static PolicyIdentity Global => default;

    /// <summary>The custom name without <c>Tag:</c>; null for <c>Global</c>.</summary>
    public string? Name { get; }

    public bool IsGlobal => Name is null;

    public static Result<PolicyIdentity> Parse(string? text)
    {
        var t = text?.Trim() ?? string.Empty;
        if (t.Length == 0)
        {
            return PolicyErrors.InvalidIdentity(t, "it is empty.");
        }

        if (t.StartsWith(TagPrefix, StringComparison.OrdinalIgnoreCase))
        {
            t = t[TagPrefix.Length..];
        }

        if (string.Equals(t, GlobalName, StringComparison.OrdinalIgnoreCase))
        {
            return Global;
        }

        if (t.Length is 0 or > MaxNameLength)
        {
            return PolicyErrors.InvalidIdentity(text!, $"names have 1 to {MaxNameLength} characters.");
        }

        foreach (var c in t)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is ':' or ',' or '/' or '\\')
            {
                return PolicyErrors.InvalidIdentity(text!, "names contain no spaces, ':', ',', '/' or '\\'.");
            }
        }

        return new PolicyIdentity(t);
    }

    public static PolicyIdentity Tag(string name) => Parse(name).Value;

    public bool Equals(PolicyIdentity other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is PolicyIdentity other && Equals(other);

    public override int GetHashCode() => Name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    public override string ToString() => Name is null ? GlobalName : TagPrefix + Name;

    public static bool operator ==(PolicyIdentity left, PolicyIdentity right) => left.Equals(right);

    public static bool operator !=(PolicyIdentity left, PolicyIdentity right) => !left.Equals(right);
}
