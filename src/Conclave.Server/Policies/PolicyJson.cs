using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conclave.Domain.Common;
using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Server.Policies;

/// <summary>Policy values between JSON and the engine: typed JSON out, administrator text in.</summary>
internal static class PolicyJson
{
    /// <summary>
    /// JSON input as the engine's text: booleans as True/False, arrays of strings comma-joined, null as null. Each
    /// parameter of <paramref name="type"/> takes only the JSON its kind declares (docs/api.md, Policies), so an
    /// object, array or number is never read as text; names the type lacks pass on for the engine to refuse.
    /// </summary>
    public static Result<Dictionary<string, string?>> ToInput(PolicyType type, IReadOnlyDictionary<string, JsonElement>? parameters)
    {
        var input = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in parameters ?? new Dictionary<string, JsonElement>())
        {
            if (type.FindParameter(name.TrimStart('-')) is not { } parameter)
            {
                input[name] = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
                continue;
            }

            if (!TryText(parameter.Kind, value, out var text))
            {
                return WrongJsonType(parameter, value.ValueKind);
            }

            input[name] = text;
        }

        return input;
    }

    /// <summary>
    /// The JSON each kind takes: a string for all of them (as an administrator types it, e.g. "True" or "a.example,b.example"),
    /// true/false for Booleans, an array of strings for lists, and null (which clears text and lists, and which the
    /// engine refuses for Booleans and enums, as PowerShell does).
    /// </summary>
    private static bool TryText(ParameterKind kind, JsonElement value, out string? text)
    {
        text = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                text = value.GetString();
                return true;
            case JsonValueKind.True or JsonValueKind.False when kind == ParameterKind.Boolean:
                text = value.GetBoolean() ? "True" : "False";
                return true;
            case JsonValueKind.Array when IsList(kind):
                var items = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return false;
                    }

                    items.Add(item.GetString()!);
                }

                text = string.Join(",", items);
                return true;
            default:
                return false;
        }
    }

    private static bool IsList(ParameterKind kind) =>
        kind is ParameterKind.List or ParameterKind.DomainList or ParameterKind.AllKnownDomainsOrList;

    private static Error WrongJsonType(PolicyParameter parameter, JsonValueKind given)
    {
        var expected = parameter.Kind switch
        {
            ParameterKind.Boolean => "true or false",
            ParameterKind.Enum => "one of its names as a JSON string",
            ParameterKind.Text => "a JSON string",
            ParameterKind.AllKnownDomainsOrList => $"\"{PolicyParameter.AllowAllKnownDomains}\" or an array of domain names as JSON strings",
            _ => "an array of JSON strings",
        };
        var what = given switch
        {
            JsonValueKind.Object => "a JSON object",
            JsonValueKind.Array when IsList(parameter.Kind) => "a JSON array with an item that is not a string",
            JsonValueKind.Array => "a JSON array",
            JsonValueKind.Number => "a JSON number",
            _ => "a JSON Boolean",
        };
        return PolicyErrors.InvalidValue(
            parameter.Name,
            $"Cannot bind parameter '{parameter.Name}'. Cannot convert {what} to type \"{parameter.TypeName}\": give {expected}.");
    }

    public static JsonObject Values(Policy policy)
    {
        var values = policy.Values;
        var json = new JsonObject();
        foreach (var p in policy.Type.Parameters)
        {
            var v = values[p.Index];
            json[p.Name] = p.Kind switch
            {
                ParameterKind.Boolean => JsonValue.Create(v.Number != 0),
                ParameterKind.List or ParameterKind.DomainList => new JsonArray([.. v.Items.Select(i => (JsonNode?)JsonValue.Create(i))]),
                ParameterKind.AllKnownDomainsOrList when v.Number == 1 => new JsonArray([.. v.Items.Select(i => (JsonNode?)JsonValue.Create(i))]),
                _ => JsonValue.Create(p.Format(v)),
            };
        }

        return json;
    }

    public static JsonObject View(Policy policy) => new()
    {
        ["policyType"] = policy.Type.Name,
        ["identity"] = policy.Identity.ToString(),
        ["parameters"] = Values(policy),
    };

    /// <summary>
    /// A change as answered to an administrator. <paramref name="targetName"/> names the user or group as people
    /// know it (<c>user:alice@contoso.example</c>, <c>group:Finance</c>) in place of the stored id.
    /// </summary>
    public static JsonObject Change(PolicyChange change, string? targetName = null) => new()
    {
        ["kind"] = change.Kind.ToString(),
        ["policyType"] = change.Type.Name,
        ["target"] = targetName is null ? change.Target : $"{change.Target.Split(':')[0]}:{targetName}",
        ["before"] = Pairs(change.Before),
        ["after"] = Pairs(change.After),
        ["at"] = change.At.ToString("O", CultureInfo.InvariantCulture),
    };

    public static JsonObject Pairs(IReadOnlyDictionary<string, string> pairs)
    {
        var json = new JsonObject();
        foreach (var (k, v) in pairs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            json[k] = v;
        }

        return json;
    }

    public static JsonObject Schema(PolicyType type) => new()
    {
        ["policyType"] = type.Name,
        ["cmdletNoun"] = type.CmdletNoun,
        ["grantable"] = type.IsGrantable,
        ["parameters"] = new JsonArray([.. type.Parameters.Select(p => (JsonNode?)new JsonObject
        {
            ["name"] = p.Name,
            ["kind"] = p.Kind.ToString(),
            ["allowedValues"] = new JsonArray([.. p.AllowedValues.Select(a => (JsonNode?)JsonValue.Create(a))]),
            ["conclaveExtensions"] = new JsonArray([.. p.ExtensionValues.Select(a => (JsonNode?)JsonValue.Create(a))]),
            ["default"] = p.Format(p.Default),
            ["maxItems"] = p.MaxItems,
            ["summary"] = p.Summary,
        })]),
    };
}
