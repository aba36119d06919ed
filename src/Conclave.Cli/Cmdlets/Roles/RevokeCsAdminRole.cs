using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Cmdlets.Roles;

internal sealed class RevokeCsAdminRole : Cmdlet
{
    public override string Name => "Revoke-CsAdminRole";

    public override string Synopsis =>
        "Removes an administrator role from a user; Global administrators only, and the last Global administrator keeps it (DELETE /api/admin/roles/{role}/users/{id}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The user's UPN or id.", mandatory: true, position: 0),
        CmdletParameter.Enum("Role", AdminRoleNames.All, "The role to remove.", mandatory: true),
    ];

    public override IReadOnlyList<string> TableColumns => ["upn", "displayName", "roles", "id"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await api.RevokeRoleAsync(arguments.RequireString("Identity"), arguments.RequireString("Role"), cancellationToken));
}
