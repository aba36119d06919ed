using System.CommandLine;
using System.Text.RegularExpressions;
using Conclave.Cli.Terminal;
using Conclave.Client.Api;
using Conclave.Client.Auth;
using Conclave.Contracts.Errors;

namespace Conclave.Cli.Commands;

/// <summary>
/// <c>conclave password change</c>: a person changes their own password (<c>POST /api/account/password</c>) on the
/// profile's server, with the profile's certificate trust. The server ends every session of the account, so the
/// profile's tokens are forgotten and the next command signs in again with the new password.
/// </summary>
internal static partial class PasswordCommand
{
    public static Command Create(CliEnvironment environment, GlobalOptions global)
    {
        var user = new Option<string>("--user") { Description = "Your user principal name (default: the profile's).", HelpName = "UPN" };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the current password from the first line of stdin and the new one from the second, for scripts.",
        };
        var totp = new Option<string>("--totp") { Description = "The current 6-digit code of your authenticator, if you have one.", HelpName = "CODE" };
        var recovery = new Option<string>("--recovery-code") { Description = "A one-time recovery code instead of --totp.", HelpName = "CODE" };
        var change = new Command("change", "Change your password: asks for the current one and the new one twice (or reads them from stdin). Ends your sessions.")
        {
            user, passwordStdin, totp, recovery,
        };
        change.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var name = global.ProfileName(result);
            var store = new ProfileStore(environment.ConfigDirectory);
            var profile = store.Load(name)
                ?? throw new UsageException($"Profile '{name}' has no server yet: sign in once with 'conclave login --server URL'.");
            var upn = result.GetValue(user) ?? profile.Upn
                ?? throw new UsageException($"Profile '{name}' names no user: give --user UPN.");
            if (result.GetValue(totp) is not null && result.GetValue(recovery) is not null)
                throw new UsageException("Give either --totp or --recovery-code, not both.");

            var prompter = new Prompter(environment);
            var fromStdin = result.GetValue(passwordStdin);
            var current = fromStdin ? ReadStdinLine(environment, "current password") : prompter.ReadSecret("Current password: ", "current password");
            var newPassword = fromStdin ? ReadStdinLine(environment, "new password (second line)") : prompter.ReadNewPassword();

            using var connection = new ConclaveConnection(profile.ToEndpoint());
            var account = new AccountClient(connection);
            var (code, recoveryCode) = (result.GetValue(totp), result.GetValue(recovery));
            try
            {
                await account.ChangePasswordAsync(upn, current, newPassword, code, recoveryCode, cancellationToken);
            }
            catch (ApiProblemException ex) when (ex.Code == ErrorCodes.Auth.MfaRequired && code is null && recoveryCode is null)
            {
                // The account has a second factor: ask for it as sign-in does, then try once more.
                var answer = prompter.ReadLine("Authenticator code (or a recovery code): ", "authenticator code");
                (code, recoveryCode) = SixDigits().IsMatch(answer) ? (answer, (string?)null) : (null, answer);
                await account.ChangePasswordAsync(upn, current, newPassword, code, recoveryCode, cancellationToken);
            }

            store.Save(profile.WithoutTokens() with { Upn = upn });
            environment.Error.WriteLine($"Password changed for {upn}. Your sessions have ended: sign in again with 'conclave login' (profile '{name}').");
            return ExitCodes.Ok;
        }));
        return new Command("password", "Your own password.") { change };
    }

    private static string ReadStdinLine(CliEnvironment environment, string what) =>
        environment.In.ReadLine() is { Length: > 0 } line
            ? line
            : throw new UsageException($"--password-stdin: no {what} on standard input.");

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex SixDigits();
}
