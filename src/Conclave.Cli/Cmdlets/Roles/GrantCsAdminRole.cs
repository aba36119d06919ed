using System.Text.Json;
using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Cmdlets.Roles;

internal sealed class GrantCsAdminRole : Cmdlet
{
    public override string Name => "Grant-CsAdminRole";

    public override string Synopsis => "Grants an administrator role to a user; Global administrators only (POST /api/admin/roles).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The user's UPN or id.", mandatory: true, position: 0),
        CmdletParameter.Enum("Role", AdminRoleNames.All, "The role to grant.", mandatory: true),
    ];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var user = arguments.RequireString("Identity");
        var role = arguments.RequireString("Role");
        var answer = await api.GrantRoleAsync(user, role, cancellationToken);
        return answer.ValueKind == JsonValueKind.Undefined ? new CmdletResult(new { user, role }) : new CmdletResult(answer);
    }
}
