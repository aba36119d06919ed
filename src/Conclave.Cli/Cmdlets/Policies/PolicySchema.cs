using System.Globalization;
using System.Text.Json;
using Conclave.Client.Api;
using Conclave.Contracts.Errors;

namespace Conclave.Cli.Cmdlets.Policies;

/// <summary>
/// The server's policy schema (GET /api/admin/policies) as cmdlet parameters: one generic table for every type, so
/// a setting added on the server is a parameter here with its ValidateSet, without a new CLI release.
/// </summary>
internal static class PolicySchema
{
    public static async Task<IReadOnlyList<CmdletParameter>> SettingsAsync(ConclaveApiClient api, PolicyNoun noun, CancellationToken cancellationToken)
    {
        var schema = await api.SendAsync<JsonElement>(HttpMethod.Get, "api/admin/policies", null, cancellationToken);
        if (schema.ValueKind != JsonValueKind.Array)
            throw new ApiProblemException(200, ErrorCodes.Client.InvalidResponse, "Unreadable answer", "The policy schema is not a list.");
        foreach (var type in schema.EnumerateArray())
        {
            if (type.ValueKind == JsonValueKind.Object && string.Equals(Text(type, "policyType"), noun.PolicyType, StringComparison.OrdinalIgnoreCase)
                && type.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Array)
            {
                return [.. parameters.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object).Select(ToParameter)];
            }
        }
        throw new UsageException($"The server does not know the policy type {noun.PolicyType}.");
    }

    /// <summary>One schema entry as a parameter: Booleans, ValidateSet enums, text, and comma-separated lists.</summary>
    internal static CmdletParameter ToParameter(JsonElement entry)
    {
        var name = Text(entry, "name");
        var kind = Text(entry, "kind");
        var allowed = Strings(entry, "allowedValues");
        var extensions = Strings(entry, "conclaveExtensions");
        var description = Text(entry, "summary");
        if (Text(entry, "default") is { Length: > 0 } defaultValue)
            description += $" Default: {defaultValue}.";
        if (extensions.Count > 0)
            description += $" Conclave extensions: {string.Join(", ", extensions)}.";
        if (entry.TryGetProperty("maxItems", out var max) && max.TryGetInt32(out var maxItems) && maxItems > 0)
            description += string.Create(CultureInfo.InvariantCulture, $" Comma-separated, at most {maxItems} items.");
        return kind switch
        {
            "Boolean" => CmdletParameter.Boolean(name, description),
            "Enum" => CmdletParameter.Enum(name, allowed, description),
            "Text" => CmdletParameter.String(name, description),
            _ => CmdletParameter.StringArray(name, description),
        };
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private static List<string> Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];
}
