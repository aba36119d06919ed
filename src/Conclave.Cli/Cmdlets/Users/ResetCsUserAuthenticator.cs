using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Users;

/// <summary>Entra's "require re-register MFA": the authenticator and the recovery codes go; the next sign-in enrols anew.</summary>
internal sealed class ResetCsUserAuthenticator : Cmdlet
{
    public override string Name => "Reset-CsUserAuthenticator";

    public override string Synopsis =>
        "Removes a user's authenticator and recovery codes; they enrol a new one at next sign-in, and their sessions end (POST /api/admin/users/{id}/authenticator-reset).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The user's UPN or id.", mandatory: true, position: 0),
    ];

    public override IReadOnlyList<string> TableColumns => ["upn", "displayName", "enabled", "mfaEnabled", "id"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var user = await api.ResetUserAuthenticatorAsync(arguments.RequireString("Identity"), cancellationToken);
        return new CmdletResult(user, $"{user.Upn} must enrol an authenticator at next sign-in; their recovery codes no longer work.");
    }
}
