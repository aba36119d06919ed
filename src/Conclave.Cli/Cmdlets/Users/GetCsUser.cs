using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Users;

internal sealed class GetCsUser : Cmdlet
{
    public override string Name => "Get-CsUser";

    public override string Synopsis => "Lists the tenant's users, or shows one (GET /api/admin/users).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The user's UPN or id; without it every user is listed.", position: 0),
    ];

    public override IReadOnlyList<string> TableColumns => ["upn", "displayName", "kind", "enabled", "licensedToScheduleMeetings", "roles", "mfaEnabled"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        arguments.GetString("Identity") is { Length: > 0 } identity
            ? new CmdletResult(await api.GetUserAsync(identity, cancellationToken))
            : new CmdletResult(await api.ListUsersAsync(null, cancellationToken));
}
