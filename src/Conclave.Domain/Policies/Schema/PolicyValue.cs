namespace Conclave.Domain.Policies.Schema;

/// <summary>
/// One parameter's value, in the form its <see cref="ParameterKind"/> needs: a number (Boolean 0/1,
/// an enum ordinal, or 0 = AllowAllKnownDomains / 1 = list), a text, or a list of items.
/// Items are never mutated once a value is made.
/// </summary>
public readonly struct PolicyValue : IEquatable<PolicyValue>
{
    private readonly string[]? _items;

    private PolicyValue(int number, string? text, string[]? items)
    {
        Number = number;
        Text = text;
        _items = items;
    }

    public int Number { get; }

    public string? Text { get; }

    public IReadOnlyList<string> Items => _items ?? [];

    public static PolicyValue FromBoolean(bool value) => new(value ? 1 : 0, null, null);

    public static PolicyValue FromOrdinal(int ordinal) => new(ordinal, null, null);

    public static PolicyValue FromText(string text) => new(0, text, null);

    public static PolicyValue FromItems(IEnumerable<string> items, int number = 0) => new(number, null, [.. items]);

    public bool Equals(PolicyValue other) =>
        Number == other.Number
        && string.Equals(Text, other.Text, StringComparison.Ordinal)
        && Items.SequenceEqual(other.Items, StringComparer.Ordinal);

    public override bool Equals(object? obj) => obj is PolicyValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Number, Text, Items.Count);

    public static bool operator ==(PolicyValue left, PolicyValue right) => left.Equals(right);

    public static bool operator !=(PolicyValue left, PolicyValue right) => !left.Equals(right);
}
