using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Cmdlets.Apps;

internal sealed class NewCsAppRegistration : Cmdlet
{
    public override string Name => "New-CsAppRegistration";

    public override string Synopsis => "Registers an application that signs in with the client-credentials grant (POST /api/admin/apps).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("DisplayName", "The application's name.", mandatory: true),
        CmdletParameter.StringArray("Roles", "Admin roles carried in the application's access tokens, comma-separated.", AdminRoleNames.All),
    ];

    public override IReadOnlyList<string> TableColumns => ["displayName", "clientId", "clientSecret", "roles"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var app = await api.CreateAppRegistrationAsync(arguments.RequireString("DisplayName"), arguments.GetStrings("Roles") ?? [], cancellationToken);
        return new CmdletResult(app, "The client secret is shown only now: store it safely, it cannot be read again.");
    }
}
