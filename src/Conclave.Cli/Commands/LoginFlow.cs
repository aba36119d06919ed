using System.Text.RegularExpressions;
using Conclave.Cli.Terminal;
using Conclave.Client.Auth;
using Conclave.Contracts.Errors;
using Spectre.Console;

namespace Conclave.Cli.Commands;

/// <summary>
/// The conversation of signing in: a device code to approve in a browser, or the password grant, answering the
/// server's <c>conclave_code</c> demands on the way (new password, TOTP enrolment, TOTP code).
/// </summary>
internal sealed partial class LoginFlow(CliEnvironment environment, Prompter prompter, ConclaveConnection connection)
{
    /// <summary>Each demand (password change, enrolment, code) is answered at most this often before giving up.</summary>
    private const int MaxRounds = 8;
    private const string PasswordRejected = ErrorCodes.Auth.PasswordRejected;

    private readonly OAuthClient _oauth = new(connection, environment.Time);
    private readonly AccountClient _account = new(connection);

    public Task<TokenSet> SignInAsync(LoginRequest request, CancellationToken cancellationToken) =>
        request.PasswordFromStdin ? PasswordAsync(request, cancellationToken) : DeviceCodeAsync(cancellationToken);

    private async Task<TokenSet> DeviceCodeAsync(CancellationToken cancellationToken)
    {
        var authorization = await _oauth.RequestDeviceAuthorizationAsync(cancellationToken);
        environment.Error.WriteLine($"To sign in, open {authorization.VerificationUri} and enter the code {authorization.UserCode}");
        if (authorization.VerificationUriComplete is { } complete)
        {
            environment.Error.WriteLine($"  or open {complete}");
            if (environment.ErrorIsTerminal)
                environment.Error.Write(TerminalQrCode.Render(complete.ToString()));
        }
        var minutes = Math.Max(1, (int)Math.Round((authorization.ExpiresAt - environment.Time.GetUtcNow()).TotalMinutes));
        var waiting = $"Waiting for approval (the code expires in {minutes} min)...";
        if (!environment.ErrorIsTerminal)
        {
            environment.Error.WriteLine(waiting);
            return await _oauth.PollDeviceTokenAsync(authorization, cancellationToken);
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(environment.Error) });
        return await console.Status().StartAsync(waiting, _ => _oauth.PollDeviceTokenAsync(authorization, cancellationToken));
    }

    private async Task<TokenSet> PasswordAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        var upn = request.Upn!;
        var password = environment.In.ReadLine();
        if (string.IsNullOrEmpty(password))
            throw new UsageException("--password-stdin: no password on the first line of standard input.");
        var totp = request.Totp;
        var recovery = request.RecoveryCode;
        var justEnrolled = false;
        for (var round = 0; round < MaxRounds; round++)
        {
            try
            {
                return await _oauth.PasswordGrantAsync(upn, password, totp, recovery, cancellationToken);
            }
            catch (OAuthException ex) when (ex.ConclaveCode == ErrorCodes.Auth.PasswordChangeRequired)
            {
                environment.Error.WriteLine("Your password must be changed before you can sign in.");
                password = await ChangePasswordAsync(upn, password, cancellationToken);
                environment.Error.WriteLine("Password changed.");
            }
            catch (OAuthException ex) when (ex.ConclaveCode == ErrorCodes.Auth.MfaEnrollmentRequired)
            {
                await EnrolAsync(upn, password, cancellationToken);
                // RFC 6238 §5.2: the code that confirmed enrolment is spent; signing in takes the next one.
                environment.Error.WriteLine("Sign-in needs a fresh code: wait for the app to show the next one.");
                (totp, recovery) = (null, null);
                justEnrolled = true;
            }
            catch (OAuthException ex) when (ex.ConclaveCode is ErrorCodes.Auth.MfaRequired or ErrorCodes.Auth.MfaInvalid)
            {
                if (!justEnrolled && (ex.ConclaveCode == ErrorCodes.Auth.MfaInvalid || totp is not null || recovery is not null))
                    environment.Error.WriteLine("That code was not accepted.");
                justEnrolled = false;
                (totp, recovery) = ReadSecondFactor();
            }
        }
        throw new UsageException("Sign-in did not complete; too many rounds of questions.");
    }

    /// <summary>Asks until the server accepts a new password (its rules, e.g. minimum length, are told back).</summary>
    private async Task<string> ChangePasswordAsync(string upn, string current, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var newPassword = prompter.ReadNewPassword();
            try
            {
                await _account.ChangePasswordAsync(upn, current, newPassword, cancellationToken);
                return newPassword;
            }
            catch (Client.Api.ApiProblemException ex) when (ex.Code == PasswordRejected && attempt < Prompter.NewPasswordAttempts - 1)
            {
                environment.Error.WriteLine($"{ex.Code}: {ex.Detail ?? ex.Title}");
            }
        }
    }


    /// <summary>TOTP enrolment (RFC 6238): show the secret, confirm with a first code, show recovery codes once.</summary>
    private async Task EnrolAsync(string upn, string password, CancellationToken cancellationToken)
    {
        environment.Error.WriteLine("Two-step verification is required for this account: add it to an authenticator app.");
        var enrollment = await _account.EnrollMfaAsync(upn, password, cancellationToken);
        if (environment.ErrorIsTerminal)
            environment.Error.Write(TerminalQrCode.Render(enrollment.OtpauthUri));
        environment.Error.WriteLine($"  Key:     {FormatSecret(enrollment.Secret)}");
        environment.Error.WriteLine($"  or URI:  {enrollment.OtpauthUri}");
        for (var attempt = 0; ; attempt++)
        {
            var code = prompter.ReadLine("Enter the 6-digit code the app shows: ", "authenticator code");
            try
            {
                var recoveryCodes = await _account.ConfirmMfaAsync(upn, password, code, cancellationToken);
                environment.Error.WriteLine("Two-step verification is on. Recovery codes (each works once; store them safely, they are not shown again):");
                foreach (var recoveryCode in recoveryCodes)
                    environment.Error.WriteLine("  " + recoveryCode);
                return;
            }
            catch (Client.Api.ApiProblemException ex) when (attempt < 2 && ex.StatusCode == 400)
            {
                environment.Error.WriteLine($"{ex.Code}: {ex.Detail ?? ex.Title}");
            }
        }
    }

    private (string? Totp, string? Recovery) ReadSecondFactor()
    {
        var answer = prompter.ReadLine("Authenticator code (or a recovery code): ", "authenticator code");
        return SixDigits().IsMatch(answer) ? (answer, null) : (null, answer);
    }

    /// <summary>Base32 in groups of four, as authenticator apps ask for it when typed by hand.</summary>
    private static string FormatSecret(string secret) =>
        string.Join(' ', secret.Chunk(4).Select(c => new string(c)));

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex SixDigits();
}
