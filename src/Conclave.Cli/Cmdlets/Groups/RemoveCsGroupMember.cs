using System.Text.Json;
using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Groups;

internal sealed class RemoveCsGroupMember : Cmdlet
{
    public override string Name => "Remove-CsGroupMember";

    public override string Synopsis => "Removes a user from a group (DELETE /api/admin/groups/{group}/members/{user}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Group", "The group's name or id.", mandatory: true),
        CmdletParameter.String("Member", "The user's UPN or id.", mandatory: true),
    ];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var group = arguments.RequireString("Group");
        var member = arguments.RequireString("Member");
        var answer = await api.RemoveGroupMemberAsync(group, member, cancellationToken);
        return answer.ValueKind == JsonValueKind.Undefined ? new CmdletResult(new { group, removed = member }) : new CmdletResult(answer);
    }
}
