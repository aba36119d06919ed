using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Policies;

/// <summary>
/// One policy instance (<c>Global</c> or <c>Tag:Name</c>) of a <see cref="PolicyType"/>. Its values
/// are replaced as a whole on each change, so a reader always sees one consistent version, and
/// assignments keep pointing at the same object across changes.
/// </summary>
public sealed class Policy
{
    private volatile PolicyValue[] _values;

    internal Policy(PolicyType type, PolicyIdentity identity, ImmutableArray<PolicyValue> values)
    {
        Type = type;
        Identity = identity;
        _values = ImmutableCollectionsMarshal.AsArray(values)!;
    }

    public PolicyType Type { get; }

    public PolicyIdentity Identity { get; }

    /// <summary>The current values, indexed by <see cref="PolicyParameter.Index"/>.</summary>
    public ImmutableArray<PolicyValue> Values => ImmutableCollectionsMarshal.AsImmutableArray(_values);

    public PolicyValue this[PolicyParameter parameter] => Values[parameter.Index];

    public bool GetBoolean(PolicyParameter parameter) => _values[parameter.Index].Number != 0;

    public TEnum GetEnum<TEnum>(PolicyParameter parameter)
        where TEnum : struct, Enum
    {
        var n = _values[parameter.Index].Number;
        return Unsafe.As<int, TEnum>(ref n);
    }

    public IReadOnlyList<string> GetItems(PolicyParameter parameter) => Values[parameter.Index].Items;

    /// <summary>Every parameter with its value as an administrator would type it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe()
    {
        var values = Values;
        return [.. Type.Parameters.Select(p => KeyValuePair.Create(p.Name, p.Format(values[p.Index])))];
    }

    internal void Replace(ImmutableArray<PolicyValue> values) =>
        _values = ImmutableCollectionsMarshal.AsArray(values)!;

    public override string ToString() => $"{Type.Name} {Identity}";
}
