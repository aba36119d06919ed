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

    internal void Bind(string name, object? value) => _values[name] = value;
}
