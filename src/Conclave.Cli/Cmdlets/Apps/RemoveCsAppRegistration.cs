using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Apps;

internal sealed class RemoveCsAppRegistration : Cmdlet
{
    public override string Name => "Remove-CsAppRegistration";

    public override string Synopsis => "Deletes an app registration and its OAuth client; its tokens stop working at once (DELETE /api/admin/apps/{clientId}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The application's client id.", mandatory: true, position: 0),
    ];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var clientId = arguments.RequireString("Identity");
        await api.RemoveAppRegistrationAsync(clientId, cancellationToken);
        return new CmdletResult(new { clientId, removed = true });
    }
}
