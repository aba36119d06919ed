namespace Conclave.Protocols.Sdp;

/// <summary>Lookups over an ordered attribute list, shared by the session and media levels.</summary>
internal static class SdpAttributeList
{
    public static bool Has(this List<SdpAttribute> attributes, string name) =>
        attributes.Exists(a => a.Name == name);

    public static string? ValueOf(this List<SdpAttribute> attributes, string name) =>
        attributes.Find(a => a.Name == name).Value;

    public static IEnumerable<string> ValuesOf(this List<SdpAttribute> attributes, string name) =>
        attributes.Where(a => a.Name == name && a.Value is not null).Select(a => a.Value!);

    public static IReadOnlyList<T> Parsed<T>(this List<SdpAttribute> attributes, string name, TryParser<T> parse)
        where T : class
    {
        var list = new List<T>();
        foreach (string value in attributes.ValuesOf(name))
        {
            if (parse(value, out T? item))
            {
                list.Add(item!);
            }
        }

        return list;
    }

    /// <summary>Replaces the first attribute called <paramref name="name"/>, or appends one.</summary>
    public static void Set(this List<SdpAttribute> attributes, string name, string? value)
    {
        int index = attributes.FindIndex(a => a.Name == name);
        if (index < 0)
        {
            attributes.Add(new SdpAttribute(name, value));
        }
        else
        {
            attributes[index] = new SdpAttribute(name, value);
        }
    }

    public delegate bool TryParser<T>(string? value, out T? item);
}
