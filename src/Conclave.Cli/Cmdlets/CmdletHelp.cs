using System.Text;

namespace Conclave.Cli.Cmdlets;

/// <summary>Help for one cmdlet in the layout of PowerShell's Get-Help: name, synopsis, syntax, parameters.</summary>
internal static class CmdletHelp
{
    public static string Render(Cmdlet cmdlet)
    {
        var text = new StringBuilder();
        text.AppendLine("NAME").AppendLine("    " + cmdlet.Name).AppendLine();
        text.AppendLine("SYNOPSIS").AppendLine("    " + cmdlet.Synopsis).AppendLine();
        text.AppendLine("SYNTAX").AppendLine($"    conclave admin {cmdlet.Name} {string.Join(' ', cmdlet.Parameters.Select(Syntax))} [-o table|json] [--profile NAME]").AppendLine();
        text.AppendLine("PARAMETERS");
        foreach (var parameter in cmdlet.Parameters)
        {
            text.AppendLine($"    -{parameter.Name} {ValueLabel(parameter)}".TrimEnd());
            text.AppendLine("        " + parameter.Description);
            if (parameter.ValidValues.Count > 0)
                text.AppendLine("        Accepted values: " + string.Join(", ", parameter.ValidValues));
            text.AppendLine($"        Required? {parameter.Mandatory.ToString().ToLowerInvariant()}    Position? {(parameter.Position is { } p ? (p + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "named")}");
            text.AppendLine();
        }
        text.AppendLine("    Names are case-insensitive and may be shortened to any unambiguous prefix; -Name:Value also works.");
        text.AppendLine("    Booleans take $true/$false (or True/False, 1/0); $null clears a value.");
        return text.ToString();
    }

    private static string Syntax(CmdletParameter parameter)
    {
        var name = parameter.Position is null ? $"-{parameter.Name}" : $"[-{parameter.Name}]";
        var usage = $"{name} {ValueLabel(parameter)}".TrimEnd();
        return parameter.Mandatory ? usage : $"[{usage}]";
    }

    private static string ValueLabel(CmdletParameter parameter) => parameter.Type switch
    {
        CmdletParameterType.Switch => "",
        CmdletParameterType.Enum => "{" + string.Join(" | ", parameter.ValidValues) + "}",
        _ => $"<{parameter.TypeName}>",
    };
}
