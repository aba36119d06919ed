using System.Text.Json;
using Conclave.Client.Auth;

namespace Conclave.Cli.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SignInEndToEndTests(ConclaveServerFixture server) : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private ProfileStore Store(CliHarness cli) => new(cli.ConfigDirectory);

    [Fact]
    public async Task BootstrapAdmin_FirstLogin_ChangesPassword_EnrolsTotp_AndPinsTheCertificate()
    {
        var run = await server.BootstrapAdminAsync();

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains($"Server certificate SHA-256 fingerprint: {server.DisplayFingerprint}", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Password changed.", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("otpauth://totp/", run.Stderr, StringComparison.Ordinal);
        var codes = run.Stderr[run.Stderr.IndexOf("Recovery codes", StringComparison.Ordinal)..].Split('\n').Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, codes.Count);
        // The enrolment code is spent (each TOTP code is accepted once): the flow asks for the next
        // one instead of replaying it and reporting a refusal the user did not cause.
        Assert.Contains("Sign-in needs a fresh code", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("That code was not accepted.", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(ConclaveServerFixture.AdminUpn, run.Stdout, StringComparison.Ordinal);

        var profile = Store(server.BootstrapCli).Load("admin")!;
        Assert.Equal(server.DisplayFingerprint, profile.CertificateSha256);
        Assert.Equal(ConclaveServerFixture.AdminUpn, profile.Upn);
        Assert.NotNull(profile.RefreshToken);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Store(server.BootstrapCli).PathOf("admin")));

        // The one-time password is gone: only the new one (with a TOTP code) signs in now.
        var old = await _cli.RunWithInputAsync(server.BootstrapPassword + "\n", "login", "--server", server.Url, "--user", ConclaveServerFixture.AdminUpn, "--password-stdin", "--totp", ConclaveServerFixture.Totp(server.AdminTotpSecret!));
        Assert.True(old.ExitCode == ExitCodes.Refused, old.ToString());
        Assert.Contains("\nauth.invalid_credentials: ", old.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whoami_ShowsTheSignedInAdministrator_AsJson()
    {
        var login = await server.SignInAdminAsync(_cli);
        Assert.True(login.ExitCode == ExitCodes.Ok, login.ToString());

        var run = await _cli.RunAsync("whoami", "--profile", "admin", "-o", "json");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var me = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(ConclaveServerFixture.AdminUpn, me.GetProperty("upn").GetString());
        Assert.True(me.GetProperty("mfaEnabled").GetBoolean());
        Assert.Contains("GlobalAdministrator", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public async Task Login_WithoutTheTotp_AsksForIt()
    {
        await server.BootstrapAdminAsync();

        var run = await CliSession.RunAsync(
            _cli,
            shown => shown.EndsWith("Authenticator code (or a recovery code): ", StringComparison.Ordinal) ? ConclaveServerFixture.Totp(server.AdminTotpSecret!) : ConclaveServerFixture.AdminPassword,
            "login", "--server", server.Url, "--user", ConclaveServerFixture.AdminUpn, "--password-stdin");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("Authenticator code", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_RevokesTheTokens_AndForgetsThemButKeepsThePin()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);
        var before = Store(_cli).Load("admin")!;

        var logout = await _cli.RunAsync("logout", "--profile", "admin");
        var whoami = await _cli.RunAsync("whoami", "--profile", "admin");

        Assert.True(logout.ExitCode == ExitCodes.Ok, logout.ToString());
        Assert.Equal(ExitCodes.Usage, whoami.ExitCode);
        Assert.Contains("not signed in", whoami.Stderr, StringComparison.Ordinal);
        var after = Store(_cli).Load("admin")!;
        Assert.Null(after.RefreshToken);
        Assert.Equal(before.CertificateSha256, after.CertificateSha256);

        // The revoked refresh token no longer works at the server.
        Store(_cli).Save(after with { AccessToken = "x", AccessTokenExpiresAt = DateTimeOffset.UnixEpoch, RefreshToken = before.RefreshToken });
        var reuse = await _cli.RunAsync("whoami", "--profile", "admin");
        Assert.True(reuse.ExitCode == ExitCodes.Refused, reuse.ToString());
    }

    [Fact]
    public async Task ExpiredAccessToken_IsRefreshed_AndTheRotatedRefreshTokenStored()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);
        var signedIn = Store(_cli).Load("admin")!;
        Store(_cli).Save(signedIn with { AccessTokenExpiresAt = DateTimeOffset.UnixEpoch });

        var run = await _cli.RunAsync("whoami", "--profile", "admin");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var refreshed = Store(_cli).Load("admin")!;
        Assert.NotEqual(signedIn.RefreshToken, refreshed.RefreshToken);
        Assert.NotEqual(signedIn.AccessToken, refreshed.AccessToken);
        Assert.True(refreshed.AccessTokenExpiresAt > DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public async Task Profiles_KeepSeveralUsersSignedInSideBySide()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);
        foreach (var name in new[] { "carol", "dave" })
        {
            var created = await _cli.RunAsync("admin", "New-CsUser", "-UserPrincipalName", $"{name}@{ConclaveServerFixture.Domain}", "-DisplayName", name, "-Password", $"{name}-password-123", "--profile", "admin");
            Assert.True(created.ExitCode == ExitCodes.Ok, created.ToString());
            var login = await _cli.RunWithInputAsync($"{name}-password-123\n", "login", "--server", server.Url, "--user", $"{name}@{ConclaveServerFixture.Domain}", "--password-stdin", "--profile", name);
            Assert.True(login.ExitCode == ExitCodes.Ok, login.ToString());
        }

        var carol = await _cli.RunAsync("whoami", "--profile", "carol", "-o", "json");
        var dave = await _cli.RunAsync("whoami", "--profile", "dave", "-o", "json");
        await _cli.RunAsync("logout", "--profile", "carol");
        var daveAfter = await _cli.RunAsync("whoami", "--profile", "dave", "-o", "json");

        Assert.Equal($"carol@{ConclaveServerFixture.Domain}", JsonDocument.Parse(carol.Stdout).RootElement.GetProperty("upn").GetString());
        Assert.Equal($"dave@{ConclaveServerFixture.Domain}", JsonDocument.Parse(dave.Stdout).RootElement.GetProperty("upn").GetString());
        Assert.Equal(ExitCodes.Ok, daveAfter.ExitCode);
        Assert.Equal(["admin", "carol", "dave"], Store(_cli).List());
    }

    [Fact]
    public async Task ChangedCertificate_IsRefusedWithExitThree_UntilTheNewFingerprintIsTrusted()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);
        var profile = Store(_cli).Load("admin")!;
        var other = string.Join(':', Enumerable.Repeat("0F", 32));
        Store(_cli).Save(profile with { CertificateSha256 = other });

        var refused = await _cli.RunAsync("whoami", "--profile", "admin");
        var relogin = await _cli.RunWithInputAsync(
            ConclaveServerFixture.AdminPassword + "\n",
            "login", "--server", server.Url, "--user", ConclaveServerFixture.AdminUpn, "--password-stdin",
            "--totp", ConclaveServerFixture.Totp(server.AdminTotpSecret!), "--profile", "admin", "--trust-fingerprint", server.DisplayFingerprint);
        var whoami = await _cli.RunAsync("whoami", "--profile", "admin");

        Assert.True(refused.ExitCode == ExitCodes.Unreachable, refused.ToString());
        Assert.Contains("does not match the one pinned", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains(server.DisplayFingerprint, refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--trust-fingerprint", refused.Stderr, StringComparison.Ordinal);
        Assert.True(relogin.ExitCode == ExitCodes.Ok, relogin.ToString());
        Assert.Equal(ExitCodes.Ok, whoami.ExitCode);
        Assert.Equal(server.DisplayFingerprint, Store(_cli).Load("admin")!.CertificateSha256);
    }

    [Fact]
    public async Task Login_TrustingACaFile_StoresNoPin()
    {
        await server.BootstrapAdminAsync();

        var run = await _cli.RunWithInputAsync(
            ConclaveServerFixture.AdminPassword + "\n",
            "login", "--server", server.Url, "--user", ConclaveServerFixture.AdminUpn, "--password-stdin",
            "--totp", ConclaveServerFixture.Totp(server.AdminTotpSecret!), "--ca", server.CertificatePemFile, "--profile", "ca");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.DoesNotContain("Pinned on first use", run.Stderr, StringComparison.Ordinal);
        var profile = Store(_cli).Load("ca")!;
        Assert.Null(profile.CertificateSha256);
        Assert.Equal(server.CertificatePemFile, profile.CaFile);
        Assert.Equal(ExitCodes.Ok, (await _cli.RunAsync("whoami", "--profile", "ca")).ExitCode);
    }

    [Fact]
    public async Task NewUser_WithAOneTimePassword_ChoosesOne_RetryingWhenTheServerRejectsIt()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);
        var upn = $"heidi@{ConclaveServerFixture.Domain}";
        var created = await _cli.RunAsync("admin", "New-CsUser", "-UserPrincipalName", upn, "-DisplayName", "Heidi", "-o", "json", "--profile", "admin");
        Assert.True(created.ExitCode == ExitCodes.Ok, created.ToString());
        var oneTime = JsonDocument.Parse(created.Stdout).RootElement.GetProperty("oneTimePassword").GetString()!;
        var rejected = false;

        var run = await CliSession.RunAsync(
            _cli,
            shown =>
            {
                if (!shown.EndsWith("password: ", StringComparison.Ordinal))
                    return oneTime;
                rejected = shown.Contains("auth.password_rejected", StringComparison.Ordinal);
                return rejected ? "heidi-long-enough-password" : "short";
            },
            "login", "--server", server.Url, "--user", upn, "--password-stdin", "--profile", "heidi");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.True(rejected);
        Assert.Contains("Password changed.", run.Stderr, StringComparison.Ordinal);
        var again = await _cli.RunWithInputAsync("heidi-long-enough-password\n", "login", "--server", server.Url, "--user", upn, "--password-stdin", "--profile", "heidi");
        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
    }

    [Fact]
    public async Task WrongPassword_ExitsOne_WithTheConclaveCode()
    {
        await server.BootstrapAdminAsync();

        var run = await _cli.RunWithInputAsync("not-the-password\n", "login", "--server", server.Url, "--user", ConclaveServerFixture.AdminUpn, "--password-stdin");

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("\nauth.invalid_credentials: ", run.Stderr, StringComparison.Ordinal);
    }
}
