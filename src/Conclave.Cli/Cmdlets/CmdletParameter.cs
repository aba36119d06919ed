namespace Conclave.Cli.Cmdlets;

/// <summary>The .NET type a PowerShell parameter is declared with; it decides conversion and the help text.</summary>
internal enum CmdletParameterType
{
    String,
    Boolean,
    Switch,
    Int32,
    DateTime,
    StringArray,
    Enum,
}

/// <summary>
/// One parameter of a cmdlet, declared as Teams' cmdlets declare theirs: a name matched case-insensitively
/// (or by an unambiguous prefix), an optional position, a ValidateSet for enums and a ValidateRange for numbers.
/// </summary>
internal sealed record CmdletParameter(string Name, CmdletParameterType Type, string Description)
{
    public bool Mandatory { get; init; }

    /// <summary>Zero-based position when the parameter may be given without its name.</summary>
    public int? Position { get; init; }

    public IReadOnlyList<string> ValidValues { get; init; } = [];

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public int? Minimum { get; init; }

    public int? Maximum { get; init; }

    public static CmdletParameter String(string name, string description, bool mandatory = false, int? position = null) =>
        new(name, CmdletParameterType.String, description) { Mandatory = mandatory, Position = position };

    public static CmdletParameter Boolean(string name, string description) => new(name, CmdletParameterType.Boolean, description);

    public static CmdletParameter Switch(string name, string description) => new(name, CmdletParameterType.Switch, description);

    public static CmdletParameter Int32(string name, string description, int minimum = int.MinValue, int maximum = int.MaxValue) =>
        new(name, CmdletParameterType.Int32, description) { Minimum = minimum, Maximum = maximum };

    public static CmdletParameter DateTime(string name, string description) => new(name, CmdletParameterType.DateTime, description);

    public static CmdletParameter StringArray(string name, string description, IReadOnlyList<string>? validValues = null) =>
        new(name, CmdletParameterType.StringArray, description) { ValidValues = validValues ?? [] };

    public static CmdletParameter Enum(string name, IReadOnlyList<string> validValues, string description, bool mandatory = false) =>
        new(name, CmdletParameterType.Enum, description) { ValidValues = validValues, Mandatory = mandatory };

    /// <summary>The type name PowerShell prints in syntax lines and errors.</summary>
    public string TypeName => Type switch
    {
        CmdletParameterType.String or CmdletParameterType.Enum => "String",
        CmdletParameterType.Boolean => "Boolean",
        CmdletParameterType.Switch => "SwitchParameter",
        CmdletParameterType.Int32 => "Int32",
        CmdletParameterType.DateTime => "DateTime",
        CmdletParameterType.StringArray => "String[]",
        _ => Type.ToString(),
    };
}
