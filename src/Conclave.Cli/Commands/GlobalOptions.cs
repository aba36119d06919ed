using System.CommandLine;
using Conclave.Cli.Output;
using Conclave.Client.Auth;

namespace Conclave.Cli.Commands;

/// <summary>Options every verb accepts: which profile to use and how to print results.</summary>
internal sealed class GlobalOptions
{
    public Option<string> Profile { get; } = new("--profile")
    {
        Description = "The signed-in identity to use; several live side by side.",
        HelpName = "NAME",
        Recursive = true,
        DefaultValueFactory = _ => ProfileStore.DefaultProfileName,
    };

    public Option<string> Output { get; } = new Option<string>("--output", "-o")
    {
        Description = "How results are printed on stdout.",
        HelpName = "table|json",
        Recursive = true,
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json");

    public string ProfileName(ParseResult result)
    {
        var name = result.GetValue(Profile) ?? ProfileStore.DefaultProfileName;
        return ProfileStore.IsValidName(name)
            ? name
            : throw new UsageException($"'{name}' is not a valid profile name (letters, digits, '.', '_', '-'; at most 64).");
    }

    public OutputFormat Format(ParseResult result) =>
        string.Equals(result.GetValue(Output), "json", StringComparison.OrdinalIgnoreCase) ? OutputFormat.Json : OutputFormat.Table;
}
