using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Apps;

internal sealed class GetCsAppRegistration : Cmdlet
{
    public override string Name => "Get-CsAppRegistration";

    public override string Synopsis => "Lists the app registrations, or shows one; secrets are never shown again (GET /api/admin/apps).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The application's client id; without it every app registration is listed.", position: 0),
    ];

    public override IReadOnlyList<string> TableColumns => ["displayName", "clientId", "enabled", "roles"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        arguments.GetString("Identity") is { Length: > 0 } identity
            ? new CmdletResult(await api.GetAppRegistrationAsync(identity, cancellationToken))
            : new CmdletResult(await api.ListAppRegistrationsAsync(cancellationToken));
}
