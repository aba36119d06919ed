using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Cmdlets.Users;

internal sealed class SetCsUser : Cmdlet
{
    public override string Name => "Set-CsUser";

    public override string Synopsis => "Changes a user's display name, whether it is enabled, its meeting licence, or its kind (PATCH /api/admin/users/{id}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The user's UPN or id.", mandatory: true, position: 0),
        CmdletParameter.String("DisplayName", "The new display name."),
        CmdletParameter.Boolean("Enabled", "$false blocks sign-in and ends the user's sessions; $true allows it again."),
        CmdletParameter.Boolean("LicensedToScheduleMeetings", "Whether the user may schedule meetings."),
        CmdletParameter.Enum("Kind", UserKindNames.WithAccount, "Member, Guest or Federated; ends the user's sessions. Refused while the user holds an admin role, unless Member."),
    ];

    public override IReadOnlyList<string> TableColumns => ["upn", "displayName", "kind", "enabled", "licensedToScheduleMeetings", "id"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var update = new UpdateUser(
            arguments.GetString("DisplayName"),
            arguments.GetBoolean("Enabled"),
            arguments.GetBoolean("LicensedToScheduleMeetings"),
            arguments.GetString("Kind"));
        return new CmdletResult(await api.UpdateUserAsync(arguments.RequireString("Identity"), update, cancellationToken));
    }
}
