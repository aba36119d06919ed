using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Apps;

internal sealed class NewCsAppRegistrationSecret : Cmdlet
{
    public override string Name => "New-CsAppRegistrationSecret";

    public override string Synopsis =>
        "Gives an app registration a new client secret; the old one and the tokens it got stop working (POST /api/admin/apps/{clientId}/secret).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The application's client id.", mandatory: true, position: 0),
    ];

    public override IReadOnlyList<string> TableColumns => ["clientId", "clientSecret"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var app = await api.NewAppRegistrationSecretAsync(arguments.RequireString("Identity"), cancellationToken);
        return new CmdletResult(app, "The new client secret is shown only now: store it safely, it cannot be read again. The old secret no longer works.");
    }
}
