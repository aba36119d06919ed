using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Users;

internal sealed class RemoveCsUser : Cmdlet
{
    public override string Name => "Remove-CsUser";

    public override string Synopsis =>
        "Deletes a user; their sessions end at once. Not your own account, nor one with a role you lack (DELETE /api/admin/users/{id}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The user's UPN or id.", mandatory: true, position: 0),
    ];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var identity = arguments.RequireString("Identity");
        await api.RemoveUserAsync(identity, cancellationToken);
        return CmdletResult.None($"Removed {identity}; their sessions have ended.");
    }
}
