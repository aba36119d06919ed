using System.Globalization;

namespace Conclave.Cli.Cmdlets;

/// <summary>
/// Binds PowerShell-style arguments (<c>-Name Value</c>, <c>-Name:Value</c>, switches, positional values,
/// <c>$true</c>/<c>$false</c>/<c>$null</c>, comma-separated arrays) to a cmdlet's parameter table. Every
/// refusal is a <see cref="ParameterBindingException"/> naming the parameter, as PowerShell does.
/// </summary>
internal static class CmdletParameterBinder
{
    /// <param name="parameters">The cmdlet's parameter table.</param>
    /// <param name="tokens">The command line after the cmdlet's name.</param>
    /// <param name="time">The clock relative dates (<c>yesterday</c>, <c>-7d</c>) count from; the system's by default.</param>
    public static CmdletArguments Bind(IReadOnlyList<CmdletParameter> parameters, IReadOnlyList<string> tokens, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var arguments = new CmdletArguments();
        var positional = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!IsParameterName(token))
            {
                var target = parameters.FirstOrDefault(p => p.Position == positional && !arguments.IsBound(p.Name))
                    ?? throw new ParameterBindingException($"A positional parameter cannot be found that accepts argument '{token}'.");
                positional++;
                arguments.Bind(target.Name, Convert(target, token, time));
                continue;
            }

            var colon = token.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? token[1..] : token[1..colon];
            var inline = colon < 0 ? null : token[(colon + 1)..];
            var parameter = Resolve(parameters, name);
            if (arguments.IsBound(parameter.Name))
                throw new ParameterBindingException($"Cannot bind parameter because parameter '{parameter.Name}' is specified more than once.");

            if (parameter.Type == CmdletParameterType.Switch)
            {
                arguments.Bind(parameter.Name, inline is null || ToBoolean(parameter, inline));
                continue;
            }
            string value;
            if (inline is not null)
            {
                value = inline;
            }
            else if (i + 1 < tokens.Count && !IsParameterName(tokens[i + 1]))
            {
                value = tokens[++i];
            }
            else
            {
                throw new ParameterBindingException($"Missing a value for parameter '{parameter.Name}': give {Expected(parameter)}.");
            }
            // A shell splits "-Roles a, b" into "a," and "b": PowerShell reads that as one array.
            while (parameter.Type == CmdletParameterType.StringArray && value.EndsWith(',') && i + 1 < tokens.Count)
                value += tokens[++i];
            arguments.Bind(parameter.Name, Convert(parameter, value, time));
        }

        var missing = parameters.Where(p => p.Mandatory && !arguments.IsBound(p.Name)).Select(p => p.Name).ToList();
        if (missing.Count > 0)
            throw new ParameterBindingException($"Cannot process command because of one or more missing mandatory parameters: {string.Join(' ', missing)}.");
        return arguments;
    }

    /// <summary>A token names a parameter when it starts with '-' and a letter ("-5" is a value).</summary>
    private static bool IsParameterName(string token) => token.Length > 1 && token[0] == '-' && char.IsLetter(token[1]);

    private static CmdletParameter Resolve(IReadOnlyList<CmdletParameter> parameters, string name)
    {
        var exact = parameters.FirstOrDefault(p =>
            string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) ||
            p.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase));
        if (exact is not null)
            return exact;
        // PowerShell accepts any unambiguous prefix of a parameter name.
        var candidates = parameters.Where(p => p.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase)).ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new ParameterBindingException($"A parameter cannot be found that matches parameter name '{name}'."),
            _ => throw new ParameterBindingException(
                $"Parameter cannot be processed because the parameter name '{name}' is ambiguous. Possible matches include: {string.Join(' ', candidates.Select(c => "-" + c.Name))}."),
        };
    }

    private static object? Convert(CmdletParameter parameter, string text, TimeProvider time)
    {
        if (string.Equals(text, "$null", StringComparison.OrdinalIgnoreCase))
        {
            if (parameter.Mandatory)
                throw new ParameterBindingException($"Cannot bind argument to parameter '{parameter.Name}' because it is null.");
            return null;
        }
        return parameter.Type switch
        {
            CmdletParameterType.String => text,
            CmdletParameterType.Boolean => ToBoolean(parameter, text),
            CmdletParameterType.Switch => ToBoolean(parameter, text),
            CmdletParameterType.Int32 => ToInt32(parameter, text),
            CmdletParameterType.DateTime => ToDateTime(parameter, text, time),
            CmdletParameterType.Enum => ToMember(parameter, text),
            CmdletParameterType.StringArray => ToArray(parameter, text),
            _ => throw new InvalidOperationException($"Unhandled parameter type {parameter.Type}."),
        };
    }

    private static bool ToBoolean(CmdletParameter parameter, string text) => text.ToUpperInvariant() switch
    {
        "$TRUE" or "TRUE" or "1" => true,
        "$FALSE" or "FALSE" or "0" => false,
        _ => throw new ParameterBindingException(
            $"Cannot process argument transformation on parameter '{parameter.Name}'. Cannot convert value \"{text}\" to type \"System.Boolean\". " +
            "Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0."),
    };

    private static int ToInt32(CmdletParameter parameter, string text)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new ParameterBindingException(
                $"Cannot process argument transformation on parameter '{parameter.Name}'. Cannot convert value \"{text}\" to type \"System.Int32\".");
        }
        if (value < (parameter.Minimum ?? int.MinValue) || value > (parameter.Maximum ?? int.MaxValue))
        {
            throw new ParameterBindingException(
                $"Cannot validate argument on parameter '{parameter.Name}'. The {value} argument is outside the range {parameter.Minimum}..{parameter.Maximum}. " +
                "Supply an argument that is in the range and then try the command again.");
        }
        return value;
    }

    /// <summary>
    /// A relative date (<see cref="RelativeDate"/>) or an ISO date; a date without an offset is read as UTC, so a
    /// script means the same instant on every machine.
    /// </summary>
    private static DateTimeOffset ToDateTime(CmdletParameter parameter, string text, TimeProvider time)
    {
        if (RelativeDate.TryParse(text, time.GetUtcNow(), out var relative))
            return relative;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value)
            ? value
            : throw new ParameterBindingException($"Cannot read \"{text}\" as a date for parameter '{parameter.Name}': give {RelativeDate.Forms}.");
    }

    private static string ToMember(CmdletParameter parameter, string text) =>
        parameter.ValidValues.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase))
        ?? throw new ParameterBindingException(
            $"Cannot validate argument on parameter '{parameter.Name}'. The argument \"{text}\" does not belong to the set " +
            $"\"{string.Join(',', parameter.ValidValues)}\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.");

    private static List<string> ToArray(CmdletParameter parameter, string text)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        return parameter.ValidValues.Count == 0 ? items : items.Select(item => ToMember(parameter, item)).ToList();
    }

    /// <summary>What a parameter takes, in words (the .NET type name says little to a person at a shell).</summary>
    private static string Expected(CmdletParameter parameter) => parameter.Type switch
    {
        CmdletParameterType.Boolean or CmdletParameterType.Switch => "$true or $false",
        CmdletParameterType.Int32 when parameter.Minimum is { } min && parameter.Maximum is { } max && (min != int.MinValue || max != int.MaxValue) =>
            $"a whole number from {min} to {max}",
        CmdletParameterType.Int32 => "a whole number",
        CmdletParameterType.DateTime => RelativeDate.Forms,
        CmdletParameterType.Enum => "one of " + string.Join(", ", parameter.ValidValues),
        CmdletParameterType.StringArray when parameter.ValidValues.Count > 0 => "one or more of " + string.Join(", ", parameter.ValidValues) + ", separated by commas",
        CmdletParameterType.StringArray => "one or more values separated by commas",
        _ => $"a text value after -{parameter.Name} (in quotes if it has spaces)",
    };
}
