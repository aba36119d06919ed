using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conclave.Cli.Cmdlets.Policies;

/// <summary>
/// A server policy view (<c>{ policyType, identity, parameters }</c>) as PowerShell shows a policy object: Identity
/// then each setting under its Teams name, so the table and <c>-o json</c> read alike.
/// </summary>
internal static class PolicyView
{
    public static JsonNode? Flatten(JsonElement answer) => answer.ValueKind switch
    {
        JsonValueKind.Array => new JsonArray([.. answer.EnumerateArray().Select(Flatten)]),
        JsonValueKind.Object => FlattenOne(answer),
        _ => null,
    };

    private static JsonObject FlattenOne(JsonElement view)
    {
        var flat = new JsonObject();
        if (view.TryGetProperty("identity", out var identity))
            flat["Identity"] = JsonNode.Parse(identity.GetRawText());
        if (view.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var setting in parameters.EnumerateObject())
                flat[setting.Name] = JsonNode.Parse(setting.Value.GetRawText());
        }
        return flat;
    }

    /// <summary>A bound value as the API's JSON: Booleans and text as such, lists as arrays, <c>$null</c> as null.</summary>
    public static JsonNode? Value(object? bound) => bound switch
    {
        null => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        IReadOnlyList<string> items => new JsonArray([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]),
        _ => throw new InvalidOperationException($"Unhandled bound value of type {bound.GetType()}."),
    };
}
