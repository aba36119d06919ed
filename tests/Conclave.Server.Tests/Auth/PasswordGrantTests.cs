using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Auth;

public sealed class PasswordGrantTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task BootstrapAdmin_OneTimePassword_MustBeChangedBeforeAnyToken()
    {
        // A fresh fixture of its own, so that the bootstrap password is still the one-time one.
        var fresh = new ServerFixture();
        await fresh.InitializeAsync();
        try
        {
            var refused = await fresh.PasswordGrantAsync(ServerFixture.AdminUpn, fresh.BootstrapPassword);
            Assert.False(refused.Succeeded);
            Assert.Equal("auth.password_change_required", refused.ConclaveCode);

            using var enroll = await fresh.PostJsonAsync("/api/account/mfa/enroll", new { upn = ServerFixture.AdminUpn, password = fresh.BootstrapPassword });
            Assert.Equal(HttpStatusCode.Forbidden, enroll.StatusCode);

            await fresh.ChangePasswordAsync(ServerFixture.AdminUpn, fresh.BootstrapPassword, ServerFixture.AdminNewPassword);
            var old = await fresh.PasswordGrantAsync(ServerFixture.AdminUpn, fresh.BootstrapPassword);
            Assert.Equal("auth.invalid_credentials", old.ConclaveCode);
            var next = await fresh.PasswordGrantAsync(ServerFixture.AdminUpn, ServerFixture.AdminNewPassword);
            Assert.Equal("auth.mfa_enrollment_required", next.ConclaveCode);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [Fact]
    public async Task Admin_WithoutTotp_GetsNoToken()
    {
        var secret = await server.AdminTotpSecretAsync();
        var missing = await server.PasswordGrantAsync(ServerFixture.AdminUpn, ServerFixture.AdminNewPassword);
        Assert.False(missing.Succeeded);
        Assert.Equal("invalid_grant", missing.Error);
        Assert.Equal("auth.mfa_required", missing.ConclaveCode);

        var current = ServerFixture.Totp(secret);
        var wrong = current == "000000" ? "111111" : "000000";
        var invalid = await server.PasswordGrantAsync(ServerFixture.AdminUpn, ServerFixture.AdminNewPassword, wrong);
        Assert.Equal("auth.mfa_invalid", invalid.ConclaveCode);

        var ok = await server.PasswordGrantAsync(ServerFixture.AdminUpn, ServerFixture.AdminNewPassword, ServerFixture.Totp(secret));
        Assert.True(ok.Succeeded, ok.ToString());
        Assert.NotNull(ok.RefreshToken);
    }

    [Fact]
    public async Task NewAdministrator_WithoutAuthenticator_MustEnrolFirst()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("teamsadm"), "a-long-enough-password", "TeamsAdministrator");
        var refused = await server.PasswordGrantAsync(upn, "a-long-enough-password");
        Assert.Equal("auth.mfa_enrollment_required", refused.ConclaveCode);

        var (secret, recovery) = await server.EnrollMfaAsync(upn, "a-long-enough-password");
        Assert.Equal(10, recovery.Length);
        Assert.Equal(10, recovery.Distinct().Count());
        Assert.True((await server.PasswordGrantAsync(upn, "a-long-enough-password", ServerFixture.Totp(secret))).Succeeded);

        // A recovery code works once.
        Assert.True((await server.PasswordGrantAsync(upn, "a-long-enough-password", recoveryCode: recovery[0])).Succeeded);
        Assert.Equal("auth.mfa_invalid", (await server.PasswordGrantAsync(upn, "a-long-enough-password", recoveryCode: recovery[0])).ConclaveCode);
    }

    [Fact]
    public async Task Member_WithoutMfa_SignsInWithPasswordOnly_AndSeesItself()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("member"), "member-password-123");
        var token = await server.SignInAsync(upn, "member-password-123");
        using var client = server.CreateClient(token);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(upn, me.GetProperty("upn").GetString());
        Assert.Equal("Member", me.GetProperty("kind").GetString());
        Assert.Empty(me.GetProperty("roles").EnumerateArray());
    }

    [Fact]
    public async Task WrongPasswordAndUnknownUser_GetTheSameAnswer()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("same"), "member-password-123");
        var wrong = await server.PasswordGrantAsync(upn, "not-the-password");
        var unknown = await server.PasswordGrantAsync("nobody@" + ServerFixture.Domain, "not-the-password");
        Assert.Equal("auth.invalid_credentials", wrong.ConclaveCode);
        Assert.Equal(wrong.ConclaveCode, unknown.ConclaveCode);
        Assert.Equal(wrong.Body.GetProperty("error_description").GetString(), unknown.Body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task PasswordGrant_FromWebClient_IsRefused()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("web"), "member-password-123");
        var refused = await server.PasswordGrantAsync(upn, "member-password-123", clientId: "conclave-web");
        Assert.False(refused.Succeeded);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
    }

    [Fact]
    public async Task Lockout_AfterFiveFailures_RefusesEvenTheRightPassword()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("lock"), "member-password-123");
        for (var i = 0; i < 5; i++)
        {
            var failed = await server.PasswordGrantAsync(upn, "wrong-password-" + i);
            Assert.False(failed.Succeeded);
        }

        // Told as a wrong password is (LockedAccountAnswerTests); the audit log has the true reason.
        var locked = await server.PasswordGrantAsync(upn, "member-password-123");
        Assert.False(locked.Succeeded);
        Assert.Equal("auth.invalid_credentials", locked.ConclaveCode);

        var audit = await server.AuditAsync($"action=signin&actor={Uri.EscapeDataString(upn)}&take=20");
        Assert.True(audit.EnumerateArray().Count(r => r.GetProperty("outcome").GetString() == "Failure") >= 6);
        Assert.Equal("auth.locked_out", audit.EnumerateArray().First().GetProperty("details").GetProperty("code").GetString());
    }

    [Fact]
    public async Task SignInEvents_AreAudited_WithOutcomeAndAddress()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("aud"), "member-password-123");
        await server.SignInAsync(upn, "member-password-123");
        await server.PasswordGrantAsync(upn, "wrong");
        var records = (await server.AuditAsync($"action=signin&actor={Uri.EscapeDataString(upn)}")).EnumerateArray().ToList();
        Assert.Contains(records, r => r.GetProperty("outcome").GetString() == "Success");
        Assert.Contains(records, r => r.GetProperty("outcome").GetString() == "Failure"
            && r.GetProperty("details").GetProperty("code").GetString() == "auth.invalid_credentials");
        Assert.All(records, r => Assert.Equal("127.0.0.1", r.GetProperty("fromAddress").GetString()));
    }

    [Fact]
    public async Task PasswordChangeAndMfaEnrolment_AreAudited()
    {
        await server.AdminTotpSecretAsync();
        var actions = (await server.AuditAsync($"action=account&actor={Uri.EscapeDataString(ServerFixture.AdminUpn)}&take=100")).EnumerateArray()
            .Where(r => r.GetProperty("outcome").GetString() == "Success")
            .Select(r => r.GetProperty("action").GetString()).ToList();
        Assert.Contains("account.password.change", actions);
        Assert.Contains("account.mfa.enroll", actions);
        Assert.Contains("account.mfa.confirm", actions);
        var bootstrap = (await server.AuditAsync("action=server.bootstrap")).EnumerateArray().Single();
        Assert.Equal(ServerFixture.AdminUpn, bootstrap.GetProperty("target").GetString());
    }

    [Fact]
    public async Task Logs_NeverContainPasswordsTotpCodesOrTokens()
    {
        var secret = await server.AdminTotpSecretAsync();
        var totp = ServerFixture.Totp(secret);
        var token = await server.PasswordGrantAsync(ServerFixture.AdminUpn, ServerFixture.AdminNewPassword, totp);
        Assert.True(token.Succeeded);
        await server.PasswordGrantAsync(ServerFixture.AdminUpn, "leaky-wrong-password-xyz");
        await server.RefreshAsync(token.RefreshToken!);
        var logs = string.Join("\n", server.Logs.Lines);
        Assert.NotEmpty(server.Logs.Lines);
        Assert.Contains("signed in", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(ServerFixture.AdminNewPassword, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("leaky-wrong-password-xyz", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(server.BootstrapPassword, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(token.AccessToken, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(token.RefreshToken!, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("totp=" + totp, logs, StringComparison.Ordinal);
    }
}
