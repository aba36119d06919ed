using System.Text.Json;
using System.Text.Json.Nodes;
using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Policies;

/// <summary><c>New-CsGroupPolicyAssignment -GroupId g -PolicyType t -PolicyName p [-Rank n]</c>, the same as <c>Grant-… -Group</c>.</summary>
internal sealed class NewCsGroupPolicyAssignment : Cmdlet
{
    public override string Name => "New-CsGroupPolicyAssignment";

    public override string Synopsis => "Assigns a policy to a group at a rank; later ranks move down (POST /api/admin/policies/{type}/grants).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("GroupId", "The group (id, name or mail nickname/e-mail).", mandatory: true, position: 0),
        CmdletParameter.Enum("PolicyType", PolicyNoun.GrantableTypes, "The policy type.", mandatory: true),
        CmdletParameter.String("PolicyName", "The policy (Tag:Name or Name).", mandatory: true),
        CmdletParameter.Int32("Rank", "1 is the highest priority; last when left out.", 1, 64),
    ];

    public override IReadOnlyList<string> TableColumns => ["kind", "policyType", "target", "before", "after"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["group"] = arguments.RequireString("GroupId"), ["policyName"] = arguments.RequireString("PolicyName") };
        if (arguments.GetInt32("Rank") is { } rank)
            body["rank"] = rank;
        var path = $"api/admin/policies/{arguments.RequireString("PolicyType")}/grants";
        return new CmdletResult(await api.SendAsync<JsonElement>(HttpMethod.Post, path, body, cancellationToken));
    }
}
