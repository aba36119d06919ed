using System.Text.Json;
using System.Text.Json.Nodes;
using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Policies;

/// <summary>
/// <c>Grant-Cs…Policy</c> in Teams' three parameter sets: <c>-Identity user -PolicyName name</c> (<c>$null</c>
/// unassigns), <c>-Group group -PolicyName name [-Rank n]</c>, and <c>-Global -PolicyName name</c> (tenant default).
/// </summary>
internal sealed class GrantPolicyCmdlet(PolicyNoun noun) : PolicyCmdlet(noun)
{
    /// <summary>Teams allows 64 group assignments per policy type, so no rank beyond that means anything.</summary>
    private const int MaximumRank = 64;

    protected override string Verb => "Grant";

    public override string Synopsis => $"Assigns a {Noun.PolicyType} to a user, a group (by rank) or the whole tenant (POST /api/admin/policies/{Noun.PolicyType}/grants).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The user (UPN or id) to assign the policy to directly.", position: 0),
        CmdletParameter.String("PolicyName", "The policy (Tag:Name or Name); $null removes the assignment.", position: 1),
        CmdletParameter.String("Group", "The group (id, name or mail nickname/e-mail) to assign the policy to."),
        CmdletParameter.Int32("Rank", "With -Group: 1 is the highest priority; later ranks move down. Last when left out.", 1, MaximumRank),
        CmdletParameter.Switch("Global", "Make the policy the tenant-wide default (below direct and group assignments)."),
    ];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var user = arguments.GetString("Identity");
        var group = arguments.GetString("Group");
        var global = arguments.GetSwitch("Global");
        if ((user is null ? 0 : 1) + (group is null ? 0 : 1) + (global ? 1 : 0) != 1)
        {
            throw new ParameterBindingException(
                $"{Name}: Parameter set cannot be resolved using the specified named parameters. Give exactly one of -Identity <user>, -Group <group> or -Global.");
        }
        if (!arguments.IsBound("PolicyName"))
            throw new ParameterBindingException($"{Name}: Cannot process command because of one or more missing mandatory parameters: PolicyName.");
        if (arguments.IsBound("Rank") && group is null)
            throw new ParameterBindingException($"{Name}: Parameter set cannot be resolved using the specified named parameters. -Rank goes with -Group only.");

        var body = new JsonObject { ["policyName"] = arguments.GetString("PolicyName") };
        if (user is not null)
            body["user"] = user;
        else if (group is not null)
            body["group"] = group;
        else
            body["global"] = true;
        if (arguments.GetInt32("Rank") is { } rank)
            body["rank"] = rank;
        return new CmdletResult(await api.SendAsync<JsonElement>(HttpMethod.Post, Noun.ApiPath + "/grants", body, cancellationToken));
    }

    public override IReadOnlyList<string> TableColumns => ["kind", "policyType", "target", "before", "after"];
}
