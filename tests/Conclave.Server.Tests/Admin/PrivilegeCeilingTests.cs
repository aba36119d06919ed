using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Admin;

/// <summary>
/// Issue 6: no one changes an account with more privilege than their own. An actor may change a
/// user only if it holds every role the user holds (Global administrators may change anyone).
/// </summary>
public sealed class PrivilegeCeilingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = "member-password-123";

    private async Task<HttpClient> SignInWithRolesAsync(params string[] roles)
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("actor"), Password, roles);
        var (secret, _) = await server.EnrollMfaAsync(upn, Password);
        return server.CreateClient(await server.SignInAsync(upn, Password, ServerFixture.Totp(secret)));
    }

    private static async Task AssertInsufficientPrivilegeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("directory.insufficient_privilege", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task TeamsAdministrator_CannotDisableOrRenameAGlobalAdministrator_AndTheRefusalIsAudited()
    {
        var global = await server.CreateUserAsync(ServerFixture.UniqueName("global"), Password, "GlobalAdministrator");
        using var teams = await SignInWithRolesAsync("TeamsAdministrator");

        using var disabled = await teams.PatchAsJsonAsync($"/api/admin/users/{global}", new { enabled = false });
        using var renamed = await teams.PatchAsJsonAsync($"/api/admin/users/{global}", new { displayName = "Pwned" });

        await AssertInsufficientPrivilegeAsync(disabled);
        await AssertInsufficientPrivilegeAsync(renamed);
        using var admin = server.CreateClient(await server.SignInAdminAsync());
        var user = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users/{global}");
        Assert.True(user.GetProperty("enabled").GetBoolean());
        Assert.NotEqual("Pwned", user.GetProperty("displayName").GetString());
        var denied = (await server.AuditAsync("action=admin.denied&take=100")).EnumerateArray()
            .Where(r => r.GetProperty("target").GetString() == $"PATCH /api/admin/users/{global}").ToList();
        Assert.Equal(2, denied.Count);
        Assert.All(denied, r => Assert.Equal("directory.insufficient_privilege", r.GetProperty("details").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task TeamsAdministrator_CannotChangeAComplianceAdministrator()
    {
        var compliance = await server.CreateUserAsync(ServerFixture.UniqueName("compliance"), Password, "ComplianceAdministrator");
        using var teams = await SignInWithRolesAsync("TeamsAdministrator");

        await AssertInsufficientPrivilegeAsync(await teams.PatchAsJsonAsync($"/api/admin/users/{compliance}", new { enabled = false }));
    }

    [Fact]
    public async Task TeamsAdministrator_MayChangeUsersWithoutRoles_AndOtherTeamsAdministrators()
    {
        var member = await server.CreateUserAsync(ServerFixture.UniqueName("member"), Password);
        var peer = await server.CreateUserAsync(ServerFixture.UniqueName("peer"), Password, "TeamsAdministrator");
        using var teams = await SignInWithRolesAsync("TeamsAdministrator");

        Assert.Equal(HttpStatusCode.OK, (await teams.PatchAsJsonAsync($"/api/admin/users/{member}", new { displayName = "Renamed" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await teams.PatchAsJsonAsync($"/api/admin/users/{peer}", new { enabled = false })).StatusCode);
    }

    [Fact]
    public async Task GlobalAdministrator_MayChangeAnyAdministrator()
    {
        var other = await server.CreateUserAsync(ServerFixture.UniqueName("otherglobal"), Password, "GlobalAdministrator", "ComplianceAdministrator");
        using var admin = server.CreateClient(await server.SignInAdminAsync());

        using var patched = await admin.PatchAsJsonAsync($"/api/admin/users/{other}", new { displayName = "Still Global", enabled = false });

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.False((await patched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task TeamsAdministrator_CannotGrantRoles_NotEvenItsOwn()
    {
        var member = await server.CreateUserAsync(ServerFixture.UniqueName("nogrant"), Password);
        using var teams = await SignInWithRolesAsync("TeamsAdministrator");

        using var granted = await teams.PostAsJsonAsync("/api/admin/roles", new { user = member, role = "TeamsAdministrator" });

        Assert.Equal(HttpStatusCode.Forbidden, granted.StatusCode);
    }
}
