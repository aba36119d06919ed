using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Server.Policies;

/// <summary>Policy values between JSON and the engine: typed JSON out, administrator text in.</summary>
internal static class PolicyJson
{
    /// <summary>JSON input as the engine's text: booleans as True/False, arrays comma-joined, null as null.</summary>
    public static Dictionary<string, string?> ToInput(IReadOnlyDictionary<string, JsonElement>? parameters)
    {
        var input = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in parameters ?? new Dictionary<string, JsonElement>())
        {
            input[name] = value.ValueKind switch
            {
                JsonValueKind.True => "True",
                JsonValueKind.False => "False",
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
                _ => value.GetRawText(),
            };
        }

        return input;
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

    public static JsonObject Change(PolicyChange change) => new()
    {
        ["kind"] = change.Kind.ToString(),
        ["policyType"] = change.Type.Name,
        ["target"] = change.Target,
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
