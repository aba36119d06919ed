using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Users;

/// <summary>An administrator's password reset, shaped like Microsoft 365's <c>Set-MsolUserPassword -ResetPassword</c> habit.</summary>
internal sealed class SetCsUserPassword : Cmdlet
{
    public override string Name => "Set-CsUserPassword";

    public override string Synopsis =>
        "Resets a user's password to a new one-time password, shown once, to be changed at next sign-in; their sessions end (POST /api/admin/users/{id}/password-reset).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The user's UPN or id.", mandatory: true, position: 0),
        CmdletParameter.Switch("ResetPassword", "Generate a new one-time password (required: an administrator never chooses a user's password)."),
    ];

    public override IReadOnlyList<string> TableColumns => ["upn", "displayName", "enabled", "mfaEnabled", "id"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        if (!arguments.GetSwitch("ResetPassword"))
        {
            throw new ParameterBindingException(
                $"{Name}: give -ResetPassword: the server generates the new one-time password (a person chooses their own with 'conclave password change').");
        }
        var user = await api.ResetUserPasswordAsync(arguments.RequireString("Identity"), cancellationToken);
        var notice = $"One-time password for {user.Upn} (shown only now; the user must change it at next sign-in): {user.OneTimePassword}";
        return new CmdletResult(user, notice);
    }
}
