using System.Text.Json;
using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Policies;

/// <summary><c>Remove-CsGroupPolicyAssignment -GroupId g -PolicyType t</c>: later ranks move up by one.</summary>
internal sealed class RemoveCsGroupPolicyAssignment : Cmdlet
{
    public override string Name => "Remove-CsGroupPolicyAssignment";

    public override string Synopsis => "Removes a group's assignment of one policy type (DELETE /api/admin/policies/{type}/group-assignments/{group}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("GroupId", "The group (id, name or mail nickname/e-mail).", mandatory: true, position: 0),
        CmdletParameter.Enum("PolicyType", PolicyNoun.GrantableTypes, "The policy type.", mandatory: true),
    ];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var group = arguments.RequireString("GroupId");
        var type = arguments.RequireString("PolicyType");
        await api.SendAsync<JsonElement>(HttpMethod.Delete, $"api/admin/policies/{type}/group-assignments/{Uri.EscapeDataString(group)}", null, cancellationToken);
        return CmdletResult.None($"Removed the {type} assignment of group {group}.");
    }
}
