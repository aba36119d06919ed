using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Admin;

/// <summary>
/// Changing a user's kind (PATCH /api/admin/users/{idOrUpn} <c>{ kind }</c>, <c>Set-CsUser -Kind</c>): audited with
/// the change, ending the user's sessions because their tokens carry the old kind, refused with a stable code for
/// a kind that is unknown or never has an account, for an administrator who would stop being a member, and for
/// an administrator acting on an account with more privilege.
/// </summary>
public sealed class UserKindChangeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = "member-password-123";

    private async Task<HttpClient> AdminAsync() => server.CreateClient(await server.SignInAdminAsync());

    private static async Task<string> CodeOfAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()!;
    }

    private async Task<string> KindOfAsync(HttpClient admin, string upn) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users/{upn}")).GetProperty("kind").GetString()!;

    private async Task<List<JsonElement>> UpdateRecordsAsync(string upn) =>
        [.. (await server.AuditAsync("action=admin.user.update&take=1000")).EnumerateArray().Where(r => r.GetProperty("target").GetString() == upn)];

    [Fact]
    public async Task KindChange_IsStored_Audited_AndEndsTheUsersSessions()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("becomesguest"), Password);
        var session = await server.PasswordGrantAsync(upn, Password);
        Assert.True(session.Succeeded, session.ToString());
        using var asUser = server.CreateClient(session.AccessToken);
        Assert.Equal("Member", (await asUser.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("kind").GetString());
        using var admin = await AdminAsync();

        using var changed = await admin.PatchAsJsonAsync($"/api/admin/users/{upn}", new { kind = "guest" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("Guest", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kind").GetString());
        Assert.Equal("Guest", await KindOfAsync(admin, upn));
        // The old access and refresh tokens carried Member: both end at once.
        Assert.Equal(HttpStatusCode.Unauthorized, (await asUser.GetAsync("/api/me")).StatusCode);
        Assert.False((await server.RefreshAsync(session.RefreshToken!)).Succeeded);
        // A new sign-in carries the new kind.
        using var again = server.CreateClient(await server.SignInAsync(upn, Password));
        Assert.Equal("Guest", (await again.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("kind").GetString());
        var record = Assert.Single(await UpdateRecordsAsync(upn));
        Assert.Equal("Member", record.GetProperty("details").GetProperty("before").GetProperty("kind").GetString());
        Assert.Equal("Guest", record.GetProperty("details").GetProperty("after").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task UnchangedKind_LeavesTheSessionsAlone()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("staysmember"), Password);
        using var asUser = server.CreateClient(await server.SignInAsync(upn, Password));
        using var admin = await AdminAsync();

        using var same = await admin.PatchAsJsonAsync($"/api/admin/users/{upn}", new { kind = "Member", displayName = "Still Member" });

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asUser.GetAsync("/api/me")).StatusCode);
    }

    [Theory]
    [InlineData("Robot", "directory.invalid_kind")]
    [InlineData("", "directory.invalid_kind")]
    [InlineData("Anonymous", "directory.kind_without_account")]
    [InlineData("Pstn", "directory.kind_without_account")]
    public async Task UnknownOrAccountlessKind_IsRefused_AndChangesNothing(string kind, string code)
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("badkind"), Password);
        using var admin = await AdminAsync();

        using var refused = await admin.PatchAsJsonAsync($"/api/admin/users/{upn}", new { kind, displayName = "Changed" });

        Assert.Equal(code, await CodeOfAsync(refused, HttpStatusCode.BadRequest));
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("kind", out _));
        var user = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users/{upn}");
        Assert.Equal("Member", user.GetProperty("kind").GetString());
        Assert.NotEqual("Changed", user.GetProperty("displayName").GetString());
        Assert.Empty(await UpdateRecordsAsync(upn));
    }

    [Theory]
    [InlineData("Anonymous")]
    [InlineData("Pstn")]
    public async Task NewUser_OfAKindWithoutAnAccount_IsRefused_AndNotCreated(string kind)
    {
        var upn = $"{ServerFixture.UniqueName("accountless")}@{ServerFixture.Domain}";
        using var admin = await AdminAsync();

        using var refused = await admin.PostAsJsonAsync("/api/admin/users", new { upn, displayName = "No account", kind });

        Assert.Equal("directory.kind_without_account", await CodeOfAsync(refused, HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/users/{upn}")).StatusCode);
    }

    [Theory]
    [InlineData("Guest")]
    [InlineData("Federated")]
    public async Task AdminRole_IsNotGrantedToAGuestOrFederatedAccount_AndNothingIsRecorded(string kind)
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("outsider"), Password);
        using var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/admin/users/{upn}", new { kind })).StatusCode);

        using var refused = await admin.PostAsJsonAsync("/api/admin/roles", new { user = upn, role = "TeamsAdministrator" });

        Assert.Equal("directory.role_requires_member", await CodeOfAsync(refused, HttpStatusCode.Conflict));
        var user = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users/{upn}");
        Assert.Empty(user.GetProperty("roles").EnumerateArray());
        var grants = await server.AuditAsync("action=admin.role.grant&take=1000");
        Assert.DoesNotContain(grants.EnumerateArray(), r => r.GetProperty("target").GetString() == upn);
    }

    [Theory]
    [InlineData("Guest")]
    [InlineData("Federated")]
    public async Task Administrator_CannotStopBeingAMember_UntilTheRolesAreRevoked(string kind)
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("adminkind"), Password, "TeamsAdministrator");
        using var admin = await AdminAsync();

        using var refused = await admin.PatchAsJsonAsync($"/api/admin/users/{upn}", new { kind });

        Assert.Equal("directory.role_requires_member", await CodeOfAsync(refused, HttpStatusCode.Conflict));
        Assert.Equal("Member", await KindOfAsync(admin, upn));
        Assert.Empty(await UpdateRecordsAsync(upn));

        // Without the role, the same change is allowed.
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/admin/roles/TeamsAdministrator/users/{upn}")).StatusCode);
        using var allowed = await admin.PatchAsJsonAsync($"/api/admin/users/{upn}", new { kind });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(kind, await KindOfAsync(admin, upn));
    }

    [Fact]
    public async Task TeamsAdministrator_CannotChangeAGlobalAdministratorsKind_AndTheRefusalIsAudited()
    {
        var global = await server.CreateUserAsync(ServerFixture.UniqueName("globalkind"), Password, "GlobalAdministrator");
        var teamsUpn = await server.CreateUserAsync(ServerFixture.UniqueName("teamskind"), Password, "TeamsAdministrator");
        var (secret, _) = await server.EnrollMfaAsync(teamsUpn, Password);
        using var teams = server.CreateClient(await server.SignInAsync(teamsUpn, Password, ServerFixture.Totp(secret)));

        // The ceiling is asked before the role rule: the answer is the same for a kind the rule would allow.
        using var toGuest = await teams.PatchAsJsonAsync($"/api/admin/users/{global}", new { kind = "Guest" });
        using var toMember = await teams.PatchAsJsonAsync($"/api/admin/users/{global}", new { kind = "Member" });

        Assert.Equal("directory.insufficient_privilege", await CodeOfAsync(toGuest, HttpStatusCode.Forbidden));
        Assert.Equal("directory.insufficient_privilege", await CodeOfAsync(toMember, HttpStatusCode.Forbidden));
        using var admin = await AdminAsync();
        Assert.Equal("Member", await KindOfAsync(admin, global));
        var denied = (await server.AuditAsync("action=admin.denied&take=1000")).EnumerateArray()
            .Where(r => r.GetProperty("target").GetString() == $"PATCH /api/admin/users/{global}").ToList();
        Assert.Equal(2, denied.Count);
    }

    [Fact]
    public async Task TeamsAdministrator_MayChangeTheKindOfAUserWithoutRoles()
    {
        var member = await server.CreateUserAsync(ServerFixture.UniqueName("plainkind"), Password);
        var teamsUpn = await server.CreateUserAsync(ServerFixture.UniqueName("teamskind2"), Password, "TeamsAdministrator");
        var (secret, _) = await server.EnrollMfaAsync(teamsUpn, Password);
        using var teams = server.CreateClient(await server.SignInAsync(teamsUpn, Password, ServerFixture.Totp(secret)));

        using var changed = await teams.PatchAsJsonAsync($"/api/admin/users/{member}", new { kind = "Federated" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var record = Assert.Single(await UpdateRecordsAsync(member));
        Assert.Equal(teamsUpn, record.GetProperty("actorUpn").GetString());
    }
}
