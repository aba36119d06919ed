using System.Collections.Immutable;
using System.Globalization;
using Conclave.Domain.Common;

namespace Conclave.Domain.Policies.Schema;

/// <summary>
/// The description of one policy parameter: its Teams name, kind, allowed values and default.
/// Validation, the admin CLI and explanations all read this one description, so each policy type
/// is declared once as data (see <see cref="PolicyTypes"/>).
/// </summary>
public sealed class PolicyParameter
{
    /// <summary>The word that stands for "every known domain" in <c>AllowedDomains</c>, as in Teams.</summary>
    public const string AllowAllKnownDomains = "AllowAllKnownDomains";

    private static readonly ImmutableArray<string> BooleanNames = ["True", "False"];

    internal PolicyParameter(
        string name,
        ParameterKind kind,
        PolicyValue defaultValue,
        string typeName,
        ImmutableArray<string> allowedValues = default,
        ImmutableArray<string> extensionValues = default,
        int maxItems = 0,
        string summary = "")
    {
        Name = name;
        Kind = kind;
        Default = defaultValue;
        TypeName = typeName;
        AllowedValues = kind == ParameterKind.Boolean ? BooleanNames : allowedValues.IsDefault ? [] : allowedValues;
        ExtensionValues = extensionValues.IsDefault ? [] : extensionValues;
        MaxItems = maxItems;
        Summary = summary;
    }

    /// <summary>Teams' parameter name, e.g. <c>CallingEndtoEndEncryptionEnabledType</c>.</summary>
    public string Name { get; }

    public ParameterKind Kind { get; }

    /// <summary>The type named in a refusal, as PowerShell names the target type.</summary>
    public string TypeName { get; }

    /// <summary>For enums, every valid name in declaration order; for Booleans, True and False.</summary>
    public ImmutableArray<string> AllowedValues { get; }

    /// <summary>Values that Conclave adds to Teams' own (documented in docs/policies.md).</summary>
    public ImmutableArray<string> ExtensionValues { get; }

    public PolicyValue Default { get; }

    /// <summary>For lists, the most items accepted; 0 for other kinds.</summary>
    public int MaxItems { get; }

    public string Summary { get; }

    /// <summary>The parameter's position in its policy type, used to index values without lookups.</summary>
    public int Index { get; internal set; }

    /// <summary>Parses administrator input the way PowerShell binds it; never throws on input.</summary>
    public bool TryParse(string? input, out PolicyValue value, out Error? error)
    {
        value = default;
        error = null;
        var text = input?.Trim() ?? string.Empty;
        switch (Kind)
        {
            case ParameterKind.Boolean:
                if (TryParseBoolean(text, out var b))
                {
                    value = PolicyValue.FromBoolean(b);
                    return true;
                }

                error = CannotConvert(text);
                return false;
            case ParameterKind.Enum:
                for (var i = 0; i < AllowedValues.Length; i++)
                {
                    if (string.Equals(AllowedValues[i], text, StringComparison.OrdinalIgnoreCase))
                    {
                        value = PolicyValue.FromOrdinal(i);
                        return true;
                    }
                }

                error = CannotConvert(text);
                return false;
            case ParameterKind.Text:
                if (text.Length > 1024)
                {
                    error = PolicyErrors.InvalidValue(Name, $"Cannot bind parameter '{Name}'. The value is longer than 1024 characters.");
                    return false;
                }

                value = PolicyValue.FromText(text);
                return true;
            case ParameterKind.AllKnownDomainsOrList when string.Equals(text, AllowAllKnownDomains, StringComparison.OrdinalIgnoreCase):
                value = PolicyValue.FromItems([], number: 0);
                return true;
            default:
                return TryParseList(text, out value, out error);
        }
    }

    /// <summary>Shows a value as an administrator would type it back.</summary>
    public string Format(PolicyValue value) => Kind switch
    {
        ParameterKind.Boolean => value.Number != 0 ? "True" : "False",
        ParameterKind.Enum => AllowedValues[value.Number],
        ParameterKind.Text => value.Text ?? string.Empty,
        ParameterKind.AllKnownDomainsOrList when value.Number == 0 => AllowAllKnownDomains,
        _ => string.Join(",", value.Items),
    };

    private bool TryParseList(string text, out PolicyValue value, out Error? error)
    {
        value = default;
        error = null;
        var isDomains = Kind is ParameterKind.DomainList or ParameterKind.AllKnownDomainsOrList;
        var items = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var item = isDomains ? raw.ToLowerInvariant() : raw;
            var valid = isDomains ? DomainName.IsValid(item) : IsToken(item);
            if (!valid)
            {
                var what = isDomains ? "a valid domain name" : "a valid item (no spaces)";
                error = PolicyErrors.InvalidValue(Name, $"Cannot bind parameter '{Name}'. \"{raw}\" is not {what}.");
                return false;
            }

            if (seen.Add(item))
            {
                items.Add(item);
            }
        }

        if (MaxItems > 0 && items.Count > MaxItems)
        {
            error = PolicyErrors.InvalidValue(
                Name,
                string.Create(CultureInfo.InvariantCulture, $"Cannot bind parameter '{Name}'. {items.Count} items given; at most {MaxItems} are allowed."));
            return false;
        }

        value = PolicyValue.FromItems(items, number: 1);
        return true;
    }

    private static bool IsToken(string item) => item.Length is > 0 and <= 256 && !item.Any(char.IsWhiteSpace);

    private static bool TryParseBoolean(string text, out bool value)
    {
        var t = text.StartsWith('$') ? text[1..] : text;
        if (string.Equals(t, "true", StringComparison.OrdinalIgnoreCase) || t == "1")
        {
            value = true;
            return true;
        }

        value = false;
        return string.Equals(t, "false", StringComparison.OrdinalIgnoreCase) || t == "0";
    }

    private Error CannotConvert(string text) => PolicyErrors.InvalidValue(
        Name,
        $"Cannot bind parameter '{Name}'. Cannot convert value \"{text}\" to type \"{TypeName}\". Valid values are: {string.Join(", ", AllowedValues)}.");
}
