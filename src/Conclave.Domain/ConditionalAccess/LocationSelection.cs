namespace Conclave.Domain.ConditionalAccess;

/// <summary>Which client addresses a policy's location condition names: any, those in a trusted location, or those in the named locations.</summary>
public sealed record LocationSelection(LocationSelectionKind Kind, IReadOnlyList<string> Names)
{
    /// <summary>Any address, and a request whose address is unknown.</summary>
    public static LocationSelection Any { get; } = new(LocationSelectionKind.Any, []);

    /// <summary>No address: the default of an exclusion.</summary>
    public static LocationSelection None { get; } = new(LocationSelectionKind.Named, []);

    public static LocationSelection AllTrusted { get; } = new(LocationSelectionKind.AllTrusted, []);

    /// <summary>Whether the address is selected. An unknown address is selected only by <see cref="Any"/>.</summary>
    public bool Selects(System.Net.IPAddress? address, IReadOnlyDictionary<string, NamedLocation> locations)
    {
        if (Kind == LocationSelectionKind.Any)
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        if (Kind == LocationSelectionKind.AllTrusted)
        {
            return locations.Values.Any(l => l.IsTrusted && l.Contains(address));
        }

        return Names.Any(n => locations.TryGetValue(n, out var location) && location.Contains(address));
    }
}

/// <summary>The kinds of <see cref="LocationSelection"/>.</summary>
public enum LocationSelectionKind
{
    Any,
    AllTrusted,
    Named,
}
