using System.Globalization;
using System.Text.Json.Nodes;

namespace Conclave.Cli.Cmdlets;

/// <summary>The values bound to a cmdlet's parameters. A parameter given as <c>$null</c> is bound with a null value.</summary>
internal sealed class CmdletArguments
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> BoundNames => _values.Keys;

    public bool IsBound(string name) => _values.ContainsKey(name);

    public string? GetString(string name) => _values.GetValueOrDefault(name) as string;

    /// <summary>A mandatory string: the binder guarantees it was given, but <c>$null</c> may still reach here.</summary>
    public string RequireString(string name) =>
        GetString(name) is { Length: > 0 } value ? value : throw new ParameterBindingException(
            $"Cannot bind argument to parameter '{name}' because it is an empty string or null.");

    public bool? GetBoolean(string name) => _values.GetValueOrDefault(name) as bool?;

    public bool GetSwitch(string name) => _values.GetValueOrDefault(name) is true;

    public int? GetInt32(string name) => _values.GetValueOrDefault(name) as int?;

    public DateTimeOffset? GetDateTime(string name) => _values.GetValueOrDefault(name) as DateTimeOffset?;

    public IReadOnlyList<string>? GetStrings(string name) => _values.GetValueOrDefault(name) as IReadOnlyList<string>;

    /// <summary>
    /// The bound parameters as a JSON request body with camelCase names (<c>-AllowMeetNow $false</c> becomes
    /// <c>"allowMeetNow": false</c>), leaving out <paramref name="exclude"/> (e.g. <c>Identity</c>, which goes in
    /// the path). Only parameters given on the command line appear, so a Set- cmdlet changes just those, and
    /// <c>$null</c> is sent as an explicit null to clear a value. Policy cmdlets with many settings use this.
    /// </summary>
    public JsonObject ToJsonBody(params string[] exclude)
    {
        var body = new JsonObject();
        foreach (var (name, value) in _values)
        {
            if (exclude.Contains(name, StringComparer.OrdinalIgnoreCase))
                continue;
            body[char.ToLowerInvariant(name[0]) + name[1..]] = value switch
            {
                null => null,
                string text => JsonValue.Create(text),
                bool flag => JsonValue.Create(flag),
                int number => JsonValue.Create(number),
                DateTimeOffset instant => JsonValue.Create(instant.ToString("O", CultureInfo.InvariantCulture)),
                IReadOnlyList<string> items => new JsonArray([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]),
                _ => throw new InvalidOperationException($"Unhandled bound value of type {value.GetType()}."),
            };
        }
        return body;
    }

    internal void Bind(string name, object? value) => _values[name] = value;
}
