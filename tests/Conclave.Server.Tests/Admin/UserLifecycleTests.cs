using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Admin;

/// <summary>
/// Issue 11: the user management any administrator needs — remove a user, reset a user's password and
/// authenticator — each audited, refused on one's own account and on an account with more privilege, and
/// ending the user's sessions at once.
/// </summary>
public sealed class UserLifecycleTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = "member-password-123";

    private async Task<HttpClient> AdminAsync() => server.CreateClient(await server.SignInAdminAsync());

    private async Task<HttpClient> SignInWithRolesAsync(params string[] roles)
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("actor"), Password, roles);
        var (secret, _) = await server.EnrollMfaAsync(upn, Password);
        return server.CreateClient(await server.SignInAsync(upn, Password, ServerFixture.Totp(secret)));
    }

    private static async Task<string> CodeOfAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task RemoveUser_DeletesTheAccount_EndsItsSessionsAtOnce_AndIsAudited()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("leaver"), Password);
        using var asUser = server.CreateClient(await server.SignInAsync(upn, Password));
        Assert.Equal(HttpStatusCode.OK, (await asUser.GetAsync("/api/me")).StatusCode);
        using var admin = await AdminAsync();

        using var removed = await admin.DeleteAsync($"/api/admin/users/{upn}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asUser.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/users/{upn}")).StatusCode);
        Assert.False((await server.PasswordGrantAsync(upn, Password)).Succeeded);
        var audit = await server.AuditAsync("action=admin.user.delete&take=100");
        var record = Assert.Single(audit.EnumerateArray(), r => r.GetProperty("target").GetString() == upn);
        Assert.Equal(upn, record.GetProperty("details").GetProperty("before").GetProperty("upn").GetString());
        // The UPN is free again: a new account under it is a new person.
        using var again = await admin.PostAsJsonAsync("/api/admin/users", new { upn, displayName = "New", password = Password });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task RemovingOrResettingOnesOwnAccount_IsRefused_AndChangesNothing()
    {
        using var admin = await AdminAsync();

        Assert.Equal("directory.self_action", await CodeOfAsync(await admin.DeleteAsync($"/api/admin/users/{ServerFixture.AdminUpn}"), HttpStatusCode.BadRequest));
        Assert.Equal("directory.self_action", await CodeOfAsync(
            await admin.PostAsync($"/api/admin/users/{ServerFixture.AdminUpn}/password-reset", null), HttpStatusCode.BadRequest));
        Assert.Equal("directory.self_action", await CodeOfAsync(
            await admin.PostAsync($"/api/admin/users/{ServerFixture.AdminUpn}/authenticator-reset", null), HttpStatusCode.BadRequest));

        var me = await admin.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.True(me.GetProperty("mfaEnabled").GetBoolean());
    }

    [Fact]
    public async Task TeamsAdministrator_CannotRemoveOrResetAGlobalAdministrator()
    {
        var global = await server.CreateUserAsync(ServerFixture.UniqueName("global"), Password, "GlobalAdministrator");
        using var teams = await SignInWithRolesAsync("TeamsAdministrator");

        Assert.Equal("directory.insufficient_privilege", await CodeOfAsync(await teams.DeleteAsync($"/api/admin/users/{global}"), HttpStatusCode.Forbidden));
        Assert.Equal("directory.insufficient_privilege", await CodeOfAsync(
            await teams.PostAsync($"/api/admin/users/{global}/password-reset", null), HttpStatusCode.Forbidden));
        Assert.Equal("directory.insufficient_privilege", await CodeOfAsync(
            await teams.PostAsync($"/api/admin/users/{global}/authenticator-reset", null), HttpStatusCode.Forbidden));

        // Still there, with the same password (a role requires MFA, so that is what sign-in asks for next).
        using var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/admin/users/{global}")).StatusCode);
        Assert.Equal("auth.mfa_enrollment_required", (await server.PasswordGrantAsync(global, Password)).ConclaveCode);
    }

    [Fact]
    public async Task PasswordReset_GivesAOneTimePassword_ThatMustBeChanged_AndEndsTheSessions()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("forgetful"), Password);
        using var asUser = server.CreateClient(await server.SignInAsync(upn, Password));
        using var admin = await AdminAsync();

        using var reset = await admin.PostAsync($"/api/admin/users/{upn}/password-reset", null);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var oneTime = (await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("oneTimePassword").GetString()!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await asUser.GetAsync("/api/me")).StatusCode);
        Assert.Equal("auth.invalid_credentials", (await server.PasswordGrantAsync(upn, Password)).ConclaveCode);
        Assert.Equal("auth.password_change_required", (await server.PasswordGrantAsync(upn, oneTime)).ConclaveCode);
        await server.ChangePasswordAsync(upn, oneTime, "chosen-password-456");
        Assert.True((await server.PasswordGrantAsync(upn, "chosen-password-456")).Succeeded);
        var audit = await server.AuditAsync("action=admin.user.password.reset&take=100");
        var record = Assert.Single(audit.EnumerateArray(), r => r.GetProperty("target").GetString() == upn);
        Assert.DoesNotContain(oneTime, record.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticatorReset_RemovesTheRecoveryCodes_AndTheNextSignInEnrolsAgain()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("lostphone"), Password);
        var (_, recoveryCodes) = await server.EnrollMfaAsync(upn, Password);
        using var admin = await AdminAsync();

        using var reset = await admin.PostAsync($"/api/admin/users/{upn}/authenticator-reset", null);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.False((await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mfaEnabled").GetBoolean());
        // A member (no role requires MFA) must still enrol again: the reset is a demand, not a removal.
        Assert.Equal("auth.mfa_enrollment_required", (await server.PasswordGrantAsync(upn, Password)).ConclaveCode);
        Assert.False((await server.PasswordGrantAsync(upn, Password, recoveryCode: recoveryCodes[0])).Succeeded);
        var (secret, _) = await server.EnrollMfaAsync(upn, Password);
        Assert.True((await server.PasswordGrantAsync(upn, Password, ServerFixture.Totp(secret))).Succeeded);
        Assert.False((await server.PasswordGrantAsync(upn, Password, recoveryCode: recoveryCodes[1])).Succeeded);
        var audit = await server.AuditAsync("action=admin.user.mfa.reset&take=100");
        Assert.Single(audit.EnumerateArray(), r => r.GetProperty("target").GetString() == upn);
    }

    [Fact]
    public async Task RevokeRole_RemovesIt_AndTheTokensThatCarriedIt()
    {
        using var teams = await SignInWithRolesAsync("TeamsAdministrator");
        var upn = (await teams.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("upn").GetString()!;
        using var admin = await AdminAsync();

        using var revoked = await admin.DeleteAsync($"/api/admin/roles/TeamsAdministrator/users/{upn}");

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Empty((await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await teams.GetAsync("/api/admin/users")).StatusCode);
        var audit = await server.AuditAsync("action=admin.role.revoke&take=100");
        Assert.Single(audit.EnumerateArray(), r => r.GetProperty("target").GetString() == upn);
    }

    [Fact]
    public async Task NonAdministrator_IsToldWhichRolesMayDoIt()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("member"), Password);
        using var member = server.CreateClient(await server.SignInAsync(upn, Password));

        using var users = await member.GetAsync("/api/admin/users");
        using var audit = await member.GetAsync("/api/admin/audit");
        using var roles = await member.DeleteAsync($"/api/admin/roles/TeamsAdministrator/users/{upn}");

        Assert.Equal("auth.forbidden", await CodeOfAsync(users, HttpStatusCode.Forbidden));
        var usersDetail = (await users.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Contains("GlobalAdministrator or TeamsAdministrator", usersDetail, StringComparison.Ordinal);
        Assert.Contains("holds no admin role", usersDetail, StringComparison.Ordinal);
        Assert.Contains("ComplianceAdministrator", (await audit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("the GlobalAdministrator role", (await roles.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>The tenant always keeps an enabled Global administrator (its own server: the rule counts every one).</summary>
public sealed class LastGlobalAdministratorTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task TheLastGlobalAdministrator_KeepsTheRole_ASecondOneMayLoseIt()
    {
        using var admin = server.CreateClient(await server.SignInAdminAsync());

        using var refused = await admin.DeleteAsync($"/api/admin/roles/GlobalAdministrator/users/{ServerFixture.AdminUpn}");

        var text = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.Conflict, text);
        Assert.Equal("directory.last_global_administrator", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
        var me = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users/{ServerFixture.AdminUpn}");
        Assert.Contains("GlobalAdministrator", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var second = await server.CreateUserAsync(ServerFixture.UniqueName("second"), "second-password-123", "GlobalAdministrator");
        using var revoked = await admin.DeleteAsync($"/api/admin/roles/GlobalAdministrator/users/{second}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        using var unknownRole = await admin.DeleteAsync($"/api/admin/roles/Overlord/users/{second}");
        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);
    }
}
