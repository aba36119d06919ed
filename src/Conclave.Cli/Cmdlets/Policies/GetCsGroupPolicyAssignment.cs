using System.Text.Json;
using System.Text.Json.Nodes;
using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Policies;

/// <summary><c>Get-CsGroupPolicyAssignment [-GroupId g] [-PolicyType t]</c>: group assignments in rank order.</summary>
internal sealed class GetCsGroupPolicyAssignment : Cmdlet
{
    public override string Name => "Get-CsGroupPolicyAssignment";

    public override string Synopsis => "Lists policies assigned to groups, by type in rank order (GET /api/admin/policies/{type}/group-assignments).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("GroupId", "Only this group (its id or name).", position: 0),
        CmdletParameter.Enum("PolicyType", PolicyNoun.GrantableTypes, "Only this policy type."),
    ];

    public override IReadOnlyList<string> TableColumns => ["groupName", "policyType", "policyName", "rank", "groupId"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var type = arguments.GetString("PolicyType");
        var group = arguments.GetString("GroupId");
        var rows = new JsonArray();
        foreach (var noun in PolicyNoun.All.Where(n => n.Grantable && (type is null || string.Equals(n.PolicyType, type, StringComparison.OrdinalIgnoreCase))))
        {
            var assignments = await api.SendAsync<JsonElement>(HttpMethod.Get, noun.ApiPath + "/group-assignments", null, cancellationToken);
            foreach (var row in assignments.ValueKind == JsonValueKind.Array ? assignments.EnumerateArray() : default)
            {
                if (group is null || Matches(row, group))
                    rows.Add(JsonNode.Parse(row.GetRawText()));
            }
        }
        return new CmdletResult(rows);
    }

    private static bool Matches(JsonElement row, string group) =>
        new[] { "groupId", "groupName" }.Any(p => row.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String
            && string.Equals(v.GetString(), group, StringComparison.OrdinalIgnoreCase));
}
