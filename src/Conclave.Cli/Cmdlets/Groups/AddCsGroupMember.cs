using System.Text.Json;
using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Groups;

internal sealed class AddCsGroupMember : Cmdlet
{
    public override string Name => "Add-CsGroupMember";

    public override string Synopsis => "Adds a user to a group (POST /api/admin/groups/{group}/members).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Group", "The group's name or id.", mandatory: true),
        CmdletParameter.String("Member", "The user's UPN or id.", mandatory: true),
    ];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var group = arguments.RequireString("Group");
        var member = arguments.RequireString("Member");
        var answer = await api.AddGroupMemberAsync(group, member, cancellationToken);
        return answer.ValueKind == JsonValueKind.Undefined
            ? new CmdletResult(new { group, member })
            : new CmdletResult(answer);
    }
}
