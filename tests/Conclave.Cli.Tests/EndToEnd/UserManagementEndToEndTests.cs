using Conclave.Client.Auth;

namespace Conclave.Cli.Tests.EndToEnd;

/// <summary>
/// Issue 11's user management through the cmdlets and <c>conclave password change</c>, against the running server
/// and as the people involved see it: the administrator's command and the user's own profile.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class UserManagementEndToEndTests(ConclaveServerFixture server) : IDisposable
{
    private const string Password = "member-password-123";

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Unique(string prefix) => $"{prefix}{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}@{ConclaveServerFixture.Domain}";

    /// <summary>The administrator signed in, and a new user with <see cref="Password"/> signed in on a profile named after the user.</summary>
    private async Task<(string Upn, string Profile)> SignedInUserAsync(string prefix)
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);
        var upn = Unique(prefix);
        await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "New-CsUser", "-UserPrincipalName", upn, "-DisplayName", prefix, "-Password", Password);
        var profile = upn.Split('@')[0];
        var login = await _cli.RunWithInputAsync(Password + "\n", "login", "--server", server.Url, "--user", upn, "--password-stdin", "--profile", profile);
        Assert.True(login.ExitCode == ExitCodes.Ok, login.ToString());
        return (upn, profile);
    }

    [Fact]
    public async Task RemoveCsUser_EndsTheUsersSessions_AndTheUserIsGone()
    {
        var (upn, profile) = await SignedInUserAsync("leaver");

        var removed = await _cli.RunAsync("admin", "Remove-CsUser", upn, "--profile", "admin");
        var whoami = await _cli.RunAsync("whoami", "--profile", profile);
        var gone = await _cli.RunAsync("admin", "Get-CsUser", upn, "--profile", "admin");

        Assert.True(removed.ExitCode == ExitCodes.Ok, removed.ToString());
        Assert.Contains($"Removed {upn}", removed.Stderr, StringComparison.Ordinal);
        Assert.True(whoami.ExitCode == ExitCodes.Refused, whoami.ToString());
        Assert.True(gone.ExitCode == ExitCodes.Refused, gone.ToString());
        Assert.StartsWith("request.not_found: ", gone.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveCsUser_OnOnesOwnAccount_IsRefused()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);

        var run = await _cli.RunAsync("admin", "Remove-CsUser", "-Identity", ConclaveServerFixture.AdminUpn, "--profile", "admin");

        Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
        Assert.StartsWith("directory.self_action: ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await _cli.RunAsync("whoami", "--profile", "admin")).ExitCode);
    }

    [Fact]
    public async Task SetCsUserPassword_ResetPassword_ShowsAOneTimePassword_ThatTheUserChangesAtNextLogin()
    {
        var (upn, profile) = await SignedInUserAsync("forgetful");

        var (reset, view) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Set-CsUserPassword", "-Identity", upn, "-ResetPassword");
        var oneTime = view.GetProperty("oneTimePassword").GetString()!;
        var whoami = await _cli.RunAsync("whoami", "--profile", profile);
        var login = await CliSession.RunAsync(
            _cli,
            shown => shown.EndsWith("password: ", StringComparison.Ordinal) ? "chosen-password-456" : oneTime,
            "login", "--server", server.Url, "--user", upn, "--password-stdin", "--profile", profile);

        Assert.Contains($"One-time password for {upn}", reset.Stderr, StringComparison.Ordinal);
        Assert.Contains(oneTime, reset.Stderr, StringComparison.Ordinal);
        Assert.True(whoami.ExitCode == ExitCodes.Refused, whoami.ToString());
        Assert.True(login.ExitCode == ExitCodes.Ok, login.ToString());
        Assert.Contains("Password changed.", login.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetCsUserKind_MakesTheUserAGuest_AndEndsTheirSessions()
    {
        var (upn, profile) = await SignedInUserAsync("visitor");

        var (_, view) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Set-CsUser", upn, "-Kind", "Guest");
        var whoami = await _cli.RunAsync("whoami", "--profile", profile);
        var (_, read) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Get-CsUser", upn);

        Assert.Equal("Guest", view.GetProperty("kind").GetString());
        Assert.Equal("Guest", read.GetProperty("kind").GetString());
        Assert.True(whoami.ExitCode == ExitCodes.Refused, whoami.ToString());
    }

    [Fact]
    public async Task SetCsUserKind_OnAnAdministrator_IsRefusedWithTheServersCode()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);

        var run = await _cli.RunAsync("admin", "Set-CsUser", ConclaveServerFixture.AdminUpn, "-Kind", "Federated", "--profile", "admin");
        var pstn = await _cli.RunAsync("admin", "Set-CsUser", ConclaveServerFixture.AdminUpn, "-Kind", "Pstn", "--profile", "admin");

        Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
        Assert.StartsWith("directory.role_requires_member: ", run.Stderr, StringComparison.Ordinal);
        // A kind without an account is not among the cmdlet's values: refused before anything is sent.
        Assert.True(pstn.ExitCode == ExitCodes.Usage, pstn.ToString());
    }

    [Fact]
    public async Task SetCsUserPassword_WithoutResetPassword_ExitsTwo()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);

        var run = await _cli.RunAsync("admin", "Set-CsUserPassword", "-Identity", ConclaveServerFixture.AdminUpn, "--profile", "admin");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("-ResetPassword", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetCsUserAuthenticator_MakesTheNextSignInEnrolAnAuthenticator()
    {
        var (upn, profile) = await SignedInUserAsync("lostphone");

        var (reset, view) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Reset-CsUserAuthenticator", upn);
        // No answer on stdin to the enrolment's question: the point is that it is asked.
        var login = await _cli.RunWithInputAsync(Password + "\n", "login", "--server", server.Url, "--user", upn, "--password-stdin", "--profile", profile);

        Assert.False(view.GetProperty("mfaEnabled").GetBoolean());
        Assert.Contains("must enrol an authenticator at next sign-in", reset.Stderr, StringComparison.Ordinal);
        Assert.Contains("Two-step verification is required", login.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(ExitCodes.Ok, login.ExitCode);
    }

    [Fact]
    public async Task RevokeCsAdminRole_RemovesTheRoleGrantCsAdminRoleGave()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);
        var upn = Unique("helper");
        await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "New-CsUser", "-UserPrincipalName", upn, "-DisplayName", "Helper", "-Password", Password);
        await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Grant-CsAdminRole", upn, "-Role", "TeamsAdministrator");

        var (_, revoked) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Revoke-CsAdminRole", upn, "-Role", "TeamsAdministrator");

        Assert.Empty(revoked.GetProperty("roles").EnumerateArray());
        var (_, audit) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Search-AuditLog", "-Operations", "admin.role.revoke", "-StartDate", "yesterday");
        Assert.Contains(audit.EnumerateArray(), r => r.GetProperty("target").GetString() == upn);
    }

    [Fact]
    public async Task GetCsOnlineUser_AnswersExactlyAsGetCsUser()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);

        var (user, _) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Get-CsUser", ConclaveServerFixture.AdminUpn);
        var (online, _) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Get-CsOnlineUser", ConclaveServerFixture.AdminUpn);
        var userTable = await _cli.RunAsync("admin", "Get-CsUser", "--profile", "admin");
        var onlineTable = await _cli.RunAsync("admin", "get-csonlineuser", "--profile", "admin");

        Assert.Equal(user.Stdout, online.Stdout);
        Assert.True(onlineTable.ExitCode == ExitCodes.Ok, onlineTable.ToString());
        Assert.Equal(userTable.Stdout, onlineTable.Stdout);
    }

    [Fact]
    public async Task PasswordChange_FromStdin_ChangesIt_AndTheProfileSignsInAgain()
    {
        var (upn, profile) = await SignedInUserAsync("changer");

        var change = await _cli.RunWithInputAsync($"{Password}\nchanged-password-789\n", "password", "change", "--password-stdin", "--profile", profile);
        var whoami = await _cli.RunAsync("whoami", "--profile", profile);
        var oldLogin = await _cli.RunWithInputAsync(Password + "\n", "login", "--user", upn, "--password-stdin", "--profile", profile);
        var newLogin = await _cli.RunWithInputAsync("changed-password-789\n", "login", "--user", upn, "--password-stdin", "--profile", profile);

        Assert.True(change.ExitCode == ExitCodes.Ok, change.ToString());
        Assert.Contains($"Password changed for {upn}", change.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, whoami.ExitCode);
        Assert.True(oldLogin.ExitCode == ExitCodes.Refused, oldLogin.ToString());
        Assert.True(newLogin.ExitCode == ExitCodes.Ok, newLogin.ToString());
    }

    [Fact]
    public async Task PasswordChange_WithTheWrongCurrentPassword_ExitsOne_AndKeepsTheSession()
    {
        var (_, profile) = await SignedInUserAsync("typo");

        var change = await _cli.RunWithInputAsync("not-my-password\nchanged-password-789\n", "password", "change", "--password-stdin", "--profile", profile);

        Assert.True(change.ExitCode == ExitCodes.Refused, change.ToString());
        Assert.StartsWith("auth.invalid_credentials: ", change.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await _cli.RunAsync("whoami", "--profile", profile)).ExitCode);
    }

    [Fact]
    public async Task NonAdministrator_IsToldWhichRolesMayRunTheCmdlet()
    {
        var (_, profile) = await SignedInUserAsync("curious");

        var run = await _cli.RunAsync("admin", "Get-CsUser", "--profile", profile);

        Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
        Assert.StartsWith("auth.forbidden: This needs one of the roles GlobalAdministrator or TeamsAdministrator", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantPolicy_ToAUser_NamesTheUserByUpn()
    {
        var (upn, _) = await SignedInUserAsync("granted");
        var policy = "Upn" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "New-CsTeamsMeetingPolicy", policy, "-AllowMeetNow", "$false");

        var (run, grant) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Grant-CsTeamsMeetingPolicy", "-Identity", upn, "-PolicyName", policy);
        var table = await _cli.RunAsync("admin", "Grant-CsTeamsMeetingPolicy", "-Identity", upn, "-PolicyName", "$null", "--profile", "admin");

        Assert.Equal($"user:{upn}", grant.GetProperty("target").GetString());
        Assert.Contains($"user:{upn}", table.Stdout, StringComparison.Ordinal);
        // -o json writes times as they read: "+00:00", not the HTML-safe "\u002B00:00".
        Assert.Contains("+00:00", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedFirstLogin_ShowsTheFingerprintToCompare_ButPinsNothing()
    {
        await server.BootstrapAdminAsync();

        var run = await _cli.RunWithInputAsync("not-the-password\n", "login", "--server", server.Url, "--user", ConclaveServerFixture.AdminUpn, "--password-stdin", "--profile", "failed");

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains($"Server certificate SHA-256 fingerprint: {server.DisplayFingerprint}", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Compare it with the 'TLS certificate SHA-256 fingerprint' the server printed", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Pinned", run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Null(new ProfileStore(_cli.ConfigDirectory).Load("failed"));
    }

    [Fact]
    public async Task SuccessfulFirstLogin_SaysPinnedAfterSaving()
    {
        var run = await server.SignInAdminAsync(_cli, "pinned");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var pinned = run.Stderr.IndexOf("Pinned on first use for profile 'pinned'", StringComparison.Ordinal);
        Assert.True(pinned > run.Stderr.IndexOf("Server certificate SHA-256 fingerprint", StringComparison.Ordinal), run.Stderr);
        Assert.Equal(server.DisplayFingerprint, new ProfileStore(_cli.ConfigDirectory).Load("pinned")!.CertificateSha256);
    }
}
