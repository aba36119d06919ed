using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Cmdlets.Users;

internal sealed class NewCsUser : Cmdlet
{
    public override string Name => "New-CsUser";

    public override string Synopsis => "Creates a user in the tenant's directory (POST /api/admin/users).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("UserPrincipalName", "The sign-in name, e.g. alice@conclave.local.", mandatory: true),
        CmdletParameter.String("DisplayName", "The name shown to others.", mandatory: true),
        CmdletParameter.String("Password", "The initial password; without it the server generates a one-time password and shows it once."),
        CmdletParameter.Enum("Kind", UserKindNames.All, "The participant kind (default Member)."),
        CmdletParameter.Boolean("LicensedToScheduleMeetings", "Whether the user may schedule meetings."),
    ];

    public override IReadOnlyList<string> TableColumns => ["upn", "displayName", "kind", "enabled", "licensedToScheduleMeetings", "id"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var user = await api.CreateUserAsync(
            new CreateUser(
                arguments.RequireString("UserPrincipalName"),
                arguments.RequireString("DisplayName"),
                arguments.GetString("Password"),
                arguments.GetString("Kind"),
                arguments.GetBoolean("LicensedToScheduleMeetings")),
            cancellationToken);
        var notice = user.OneTimePassword is { } password
            ? $"One-time password for {user.Upn} (shown only now; the user must change it at first sign-in): {password}"
            : null;
        return new CmdletResult(user, notice);
    }
}
