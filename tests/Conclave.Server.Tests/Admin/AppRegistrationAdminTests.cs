using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;
using Conclave.Server.Tests.Policies;

namespace Conclave.Server.Tests.Admin;

/// <summary>
/// Issue 4: app registrations can be listed, fetched, disabled, deleted and given a new secret, all
/// audited; an administrator gives an app only roles it holds; a disabled or deleted app, or an old
/// secret, gets no token, and the tokens it already has stop at once.
/// </summary>
public sealed class SqliteAppRegistrationAdminTests(ServerFixture server) : AppRegistrationAdminTests(server), IClassFixture<ServerFixture>;

/// <summary>The same against PostgreSQL, where OpenIddict's own transactions run inside the audited one.</summary>
public sealed class PostgresAppRegistrationAdminTests(PostgresServerFixture server) : AppRegistrationAdminTests(server), IClassFixture<PostgresServerFixture>;

public abstract class AppRegistrationAdminTests(ServerFixture server)
{
    private const string Password = "member-password-123";

    private sealed record App(string ClientId, string Secret);

    private async Task<HttpClient> AdminAsync() => server.CreateClient(await server.SignInAdminAsync());

    private async Task<HttpClient> SignInWithRolesAsync(params string[] roles)
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("appactor"), Password, roles);
        var (secret, _) = await server.EnrollMfaAsync(upn, Password);
        return server.CreateClient(await server.SignInAsync(upn, Password, ServerFixture.Totp(secret)));
    }

    private static async Task<App> CreateAsync(HttpClient client, params string[] roles)
    {
        using var created = await client.PostAsJsonAsync("/api/admin/apps", new { displayName = ServerFixture.UniqueName("app "), roles });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        return new App(body.GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString()!);
    }

    private Task<TokenResponse> TokenAsync(string clientId, string secret) => server.TokenAsync(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = secret,
        ["scope"] = "api",
    });

    private async Task<string> AppTokenAsync(App app)
    {
        var token = await TokenAsync(app.ClientId, app.Secret);
        Assert.True(token.Succeeded, token.ToString());
        return token.AccessToken;
    }

    private async Task<HttpStatusCode> MeAsync(string accessToken)
    {
        using var client = server.CreateClient(accessToken);
        using var response = await client.GetAsync("/api/me");
        return response.StatusCode;
    }

    private static async Task AssertInsufficientPrivilegeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("directory.insufficient_privilege", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("ComplianceAdministrator")]
    [InlineData("GlobalAdministrator")]
    public async Task TeamsAdministrator_CreatingAnAppWithARoleItLacks_Is403_AndCreatesNothing(string role)
    {
        using var teams = await SignInWithRolesAsync("TeamsAdministrator");
        var name = ServerFixture.UniqueName("escalate ");

        using var created = await teams.PostAsJsonAsync("/api/admin/apps", new { displayName = name, roles = new[] { "TeamsAdministrator", role } });

        await AssertInsufficientPrivilegeAsync(created);
        using var admin = await AdminAsync();
        var apps = await admin.GetFromJsonAsync<JsonElement>("/api/admin/apps");
        Assert.DoesNotContain(apps.EnumerateArray(), a => a.GetProperty("displayName").GetString() == name);
    }

    [Fact]
    public async Task TeamsAdministrator_MayCreateAnAppWithItsOwnRole_WhichCannotReadTheAuditLog()
    {
        using var teams = await SignInWithRolesAsync("TeamsAdministrator");
        var app = await CreateAsync(teams, "TeamsAdministrator");

        using var client = server.CreateClient(await AppTokenAsync(app));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/audit")).StatusCode);
    }

    [Fact]
    public async Task Apps_AreListedAndFetched_WithoutTheirSecrets()
    {
        using var admin = await AdminAsync();
        var app = await CreateAsync(admin, "TeamsAdministrator");

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/admin/apps");
        var listed = list.EnumerateArray().Single(a => a.GetProperty("clientId").GetString() == app.ClientId);
        var fetched = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/apps/{app.ClientId}");

        foreach (var view in new[] { listed, fetched })
        {
            Assert.True(view.GetProperty("enabled").GetBoolean());
            Assert.Equal(["TeamsAdministrator"], view.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            Assert.False(view.TryGetProperty("clientSecret", out _));
            Assert.DoesNotContain(app.Secret, view.GetRawText(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/apps/app-nosuchapp")).StatusCode);
    }

    [Fact]
    public async Task DisablingAnApp_StopsItsTokenAtOnce_AndRefusesItsGrant_UntilEnabledAgain()
    {
        using var admin = await AdminAsync();
        var app = await CreateAsync(admin, "TeamsAdministrator");
        var token = await AppTokenAsync(app);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(token));

        using var disabled = await admin.PatchAsJsonAsync($"/api/admin/apps/{app.ClientId}", new { enabled = false });

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.False((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token));
        var refused = await TokenAsync(app.ClientId, app.Secret);
        Assert.False(refused.Succeeded);
        Assert.Equal("invalid_client", refused.Error);

        using var enabled = await admin.PatchAsJsonAsync($"/api/admin/apps/{app.ClientId}", new { enabled = true });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(await AppTokenAsync(app)));

        var records = (await server.AuditAsync("action=admin.app.update&take=50")).EnumerateArray()
            .Where(r => r.GetProperty("target").GetString() == app.ClientId)
            .Select(r => (Before: r.GetProperty("details").GetProperty("before").GetProperty("enabled").GetBoolean(), After: r.GetProperty("details").GetProperty("after").GetProperty("enabled").GetBoolean()));
        Assert.Equal([(false, true), (true, false)], records);
    }

    [Fact]
    public async Task DeletingAnApp_RemovesItsClient_AndStopsItsToken()
    {
        using var admin = await AdminAsync();
        var app = await CreateAsync(admin, "TeamsAdministrator");
        var token = await AppTokenAsync(app);

        using var deleted = await admin.DeleteAsync($"/api/admin/apps/{app.ClientId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token));
        Assert.Equal("invalid_client", (await TokenAsync(app.ClientId, app.Secret)).Error);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/apps/{app.ClientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/admin/apps/{app.ClientId}")).StatusCode);
        Assert.Contains((await server.AuditAsync("action=admin.app.delete&take=50")).EnumerateArray(), r => r.GetProperty("target").GetString() == app.ClientId);
    }

    [Fact]
    public async Task NewSecret_IsShownOnce_TheOldOneStopsWorking_AndExistingTokensAreRevoked()
    {
        using var admin = await AdminAsync();
        var app = await CreateAsync(admin);
        var token = await AppTokenAsync(app);

        using var rotated = await admin.PostAsync($"/api/admin/apps/{app.ClientId}/secret", null);

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var secret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(app.Secret, secret);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token));
        Assert.Equal("invalid_client", (await TokenAsync(app.ClientId, app.Secret)).Error);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(await AppTokenAsync(app with { Secret = secret })));
        var audit = await server.AuditAsync("action=admin.app&take=100");
        Assert.Contains(audit.EnumerateArray(), r => r.GetProperty("action").GetString() == "admin.app.secret.rotate" && r.GetProperty("target").GetString() == app.ClientId);
        Assert.DoesNotContain(secret, audit.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangingRoles_RevokesTokens_AndNewTokensCarryTheNewRoles()
    {
        using var admin = await AdminAsync();
        var app = await CreateAsync(admin, "TeamsAdministrator");
        var token = await AppTokenAsync(app);

        using var changed = await admin.PatchAsJsonAsync($"/api/admin/apps/{app.ClientId}", new { roles = new[] { "ComplianceAdministrator" }, displayName = "Reporter" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token));
        using var client = server.CreateClient(await AppTokenAsync(app));
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(["ComplianceAdministrator"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Reporter", me.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task TeamsAdministrator_CannotRaiseChangeDisableDeleteOrRekeyAnAppWithMorePrivilege()
    {
        using var admin = await AdminAsync();
        var strong = await CreateAsync(admin, "ComplianceAdministrator");
        using var teams = await SignInWithRolesAsync("TeamsAdministrator");
        var own = await CreateAsync(teams, "TeamsAdministrator");

        await AssertInsufficientPrivilegeAsync(await teams.PatchAsJsonAsync($"/api/admin/apps/{own.ClientId}", new { roles = new[] { "ComplianceAdministrator" } }));
        await AssertInsufficientPrivilegeAsync(await teams.PatchAsJsonAsync($"/api/admin/apps/{strong.ClientId}", new { enabled = false }));
        await AssertInsufficientPrivilegeAsync(await teams.PatchAsJsonAsync($"/api/admin/apps/{strong.ClientId}", new { displayName = "Mine now" }));
        await AssertInsufficientPrivilegeAsync(await teams.DeleteAsync($"/api/admin/apps/{strong.ClientId}"));
        await AssertInsufficientPrivilegeAsync(await teams.PostAsync($"/api/admin/apps/{strong.ClientId}/secret", null));

        Assert.Equal(HttpStatusCode.OK, await MeAsync(await AppTokenAsync(strong)));
        Assert.Equal(HttpStatusCode.OK, (await teams.PatchAsJsonAsync($"/api/admin/apps/{own.ClientId}", new { enabled = false })).StatusCode);
    }
}
