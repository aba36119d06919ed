using System.Text.Json;
using System.Text.Json.Nodes;
using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Policies;

/// <summary>
/// <c>Get-CsEffectivePolicy -Identity user [-PolicyType t]</c> (Conclave's own): every effective value of every
/// type, one row each, with where it comes from (<c>Direct: Tag:X</c>, <c>Group: Finance (rank 1): Tag:Y</c>,
/// <c>TenantDefault: Tag:Z</c> or <c>Global</c>).
/// </summary>
internal sealed class GetCsEffectivePolicy : Cmdlet
{
    public override string Name => "Get-CsEffectivePolicy";

    public override string Synopsis => "Shows each policy value in effect for a user and where it comes from (GET /api/admin/effective-policy/{user}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The user (UPN or id).", mandatory: true, position: 0),
        CmdletParameter.Enum("PolicyType", [.. PolicyNoun.All.Select(n => n.PolicyType)], "Only this policy type."),
    ];

    public override IReadOnlyList<string> TableColumns => ["policyType", "parameter", "value", "source"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var user = arguments.RequireString("Identity");
        var only = arguments.GetString("PolicyType");
        var effective = await api.SendAsync<JsonElement>(HttpMethod.Get, "api/admin/effective-policy/" + Uri.EscapeDataString(user), null, cancellationToken);
        var rows = new JsonArray();
        foreach (var type in effective.ValueKind == JsonValueKind.Array ? effective.EnumerateArray() : default)
        {
            var policyType = type.GetProperty("policyType").GetString();
            if (only is not null && !string.Equals(only, policyType, StringComparison.OrdinalIgnoreCase))
                continue;
            var source = type.GetProperty("source").GetString();
            var identity = type.GetProperty("policyIdentity").GetString();
            foreach (var value in type.GetProperty("parameters").EnumerateObject())
            {
                rows.Add(new JsonObject
                {
                    ["policyType"] = policyType,
                    ["parameter"] = value.Name,
                    ["value"] = JsonNode.Parse(value.Value.GetRawText()),
                    ["source"] = source,
                    ["policyIdentity"] = identity,
                });
            }
        }
        return new CmdletResult(rows);
    }
}
