using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Cmdlets.Apps;

internal sealed class SetCsAppRegistration : Cmdlet
{
    public override string Name => "Set-CsAppRegistration";

    public override string Synopsis => "Renames an app registration, enables or disables it, or changes its roles (PATCH /api/admin/apps/{clientId}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The application's client id.", mandatory: true, position: 0),
        CmdletParameter.String("DisplayName", "The new name."),
        CmdletParameter.Boolean("Enabled", "$false refuses the application new tokens and revokes those it holds; $true allows it again."),
        CmdletParameter.StringArray("Roles", "The admin roles its tokens carry, replacing the current ones ($null for none); its tokens are revoked.", AdminRoleNames.All),
    ];

    public override IReadOnlyList<string> TableColumns => ["displayName", "clientId", "enabled", "roles"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var update = new UpdateApp(
            arguments.GetString("DisplayName"),
            arguments.GetBoolean("Enabled"),
            arguments.IsBound("Roles") ? [.. arguments.GetStrings("Roles") ?? []] : null);
        return new CmdletResult(await api.UpdateAppRegistrationAsync(arguments.RequireString("Identity"), update, cancellationToken));
    }
}
