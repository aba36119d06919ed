using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Admin;

public sealed class AdminApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task CreateUser_WithoutPassword_ReturnsOneTimePassword_ThatMustBeChanged()
    {
        var admin = await server.SignInAdminAsync();
        var upn = ServerFixture.UniqueName("otp") + "@" + ServerFixture.Domain;
        using var created = await server.PostJsonAsync("/api/admin/users", new { upn, displayName = "One Time", kind = "Guest", licensedToScheduleMeetings = false }, admin);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Guest", user.GetProperty("kind").GetString());
        Assert.False(user.GetProperty("licensedToScheduleMeetings").GetBoolean());
        var oneTime = user.GetProperty("oneTimePassword").GetString()!;
        Assert.Equal("auth.password_change_required", (await server.PasswordGrantAsync(upn, oneTime)).ConclaveCode);

        var audit = await server.AuditAsync("action=admin.user.create&take=50");
        var record = audit.EnumerateArray().Single(r => r.GetProperty("target").GetString() == upn);
        Assert.Equal(ServerFixture.AdminUpn, record.GetProperty("actorUpn").GetString());
        Assert.Equal("One Time", record.GetProperty("details").GetProperty("after").GetProperty("displayName").GetString());
        Assert.DoesNotContain(oneTime, audit.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAndPatchUser_RecordsBeforeAndAfter()
    {
        var admin = await server.SignInAdminAsync();
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("patch"), "member-password-123");
        using var client = server.CreateClient(admin);
        var fetched = await client.GetFromJsonAsync<JsonElement>($"/api/admin/users/{upn}");
        Assert.Equal(upn, fetched.GetProperty("upn").GetString());
        var byId = await client.GetFromJsonAsync<JsonElement>($"/api/admin/users/{fetched.GetProperty("id").GetString()}");
        Assert.Equal(upn, byId.GetProperty("upn").GetString());

        using var patched = await client.PatchAsJsonAsync($"/api/admin/users/{upn}", new { displayName = "Renamed", enabled = false });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.False((await patched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enabled").GetBoolean());
        Assert.Equal("auth.invalid_credentials", (await server.PasswordGrantAsync(upn, "member-password-123")).ConclaveCode);

        var record = (await server.AuditAsync("action=admin.user.update&take=50")).EnumerateArray().First(r => r.GetProperty("target").GetString() == upn);
        Assert.True(record.GetProperty("details").GetProperty("before").GetProperty("enabled").GetBoolean());
        Assert.False(record.GetProperty("details").GetProperty("after").GetProperty("enabled").GetBoolean());

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/admin/users?upn={upn}");
        Assert.Equal("Renamed", list.EnumerateArray().Single().GetProperty("displayName").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/admin/users/nobody@nowhere.test")).StatusCode);
    }

    [Fact]
    public async Task Groups_CreateAddRemoveMembers()
    {
        var admin = await server.SignInAdminAsync();
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("gm"), "member-password-123");
        var name = ServerFixture.UniqueName("Sales ");
        using var created = await server.PostJsonAsync("/api/admin/groups", new { name }, admin);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var added = await server.PostJsonAsync($"/api/admin/groups/{Uri.EscapeDataString(name)}/members", new { user = upn }, admin);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal([upn], (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("members").EnumerateArray().Select(m => m.GetString()));

        using var client = server.CreateClient(admin);
        var groups = await client.GetFromJsonAsync<JsonElement>("/api/admin/groups");
        Assert.Contains(groups.EnumerateArray(), g => g.GetProperty("name").GetString() == name);
        using var removed = await client.DeleteAsync($"/api/admin/groups/{Uri.EscapeDataString(name)}/members/{upn}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var group = await client.GetFromJsonAsync<JsonElement>($"/api/admin/groups/{Uri.EscapeDataString(name)}");
        Assert.Empty(group.GetProperty("members").EnumerateArray());

        var actions = (await server.AuditAsync("action=admin.group&take=100")).EnumerateArray().Where(r => r.GetProperty("target").GetString() == name)
            .Select(r => r.GetProperty("action").GetString()).ToList();
        Assert.Equal(["admin.group.member.remove", "admin.group.member.add", "admin.group.create"], actions);
    }

    [Fact]
    public async Task NonAdmin_CallingAdminApi_Gets403_AndTheRefusalIsAudited()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("plain"), "member-password-123");
        var token = await server.SignInAsync(upn, "member-password-123");
        using var created = await server.PostJsonAsync("/api/admin/users", new { upn = "x@" + ServerFixture.Domain, displayName = "X" }, token);
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        Assert.Equal("application/problem+json", created.Content.Headers.ContentType?.MediaType);
        var record = (await server.AuditAsync("action=admin.denied&take=50")).EnumerateArray().First(r => r.GetProperty("actorUpn").GetString() == upn);
        Assert.Equal("Denied", record.GetProperty("outcome").GetString());
        Assert.Equal("POST /api/admin/users", record.GetProperty("target").GetString());
    }

    [Fact]
    public async Task NonAdmin_ProbingTheAdminApiInALoop_IsAuditedOnce_NotOncePerRequest()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("prober"), "member-password-123");
        using var client = server.CreateClient(await server.SignInAsync(upn, "member-password-123"));
        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/users")).StatusCode);
        }

        var records = (await server.AuditAsync("action=admin.denied&take=500")).EnumerateArray()
            .Where(r => r.GetProperty("actorUpn").GetString() == upn).ToList();
        Assert.Single(records);
        Assert.Equal("GET /api/admin/users", records[0].GetProperty("target").GetString());
    }

    [Fact]
    public async Task RoleGrant_ByTeamsAdministrator_IsRefused_ByGlobal_IsAuditedAndEffective()
    {
        var teamsAdmin = await server.CreateUserAsync(ServerFixture.UniqueName("ta"), "member-password-123", "TeamsAdministrator");
        var (secret, _) = await server.EnrollMfaAsync(teamsAdmin, "member-password-123");
        var teamsToken = await server.SignInAsync(teamsAdmin, "member-password-123", ServerFixture.Totp(secret));
        var target = await server.CreateUserAsync(ServerFixture.UniqueName("co"), "member-password-123");
        using var refused = await server.PostJsonAsync("/api/admin/roles", new { user = target, role = "ComplianceAdministrator" }, teamsToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var admin = await server.SignInAdminAsync();
        using var granted = await server.PostJsonAsync("/api/admin/roles", new { user = target, role = "ComplianceAdministrator" }, admin);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var record = (await server.AuditAsync("action=admin.role.grant&take=50")).EnumerateArray().First(r => r.GetProperty("target").GetString() == target);
        Assert.Equal("ComplianceAdministrator", record.GetProperty("details").GetProperty("role").GetString());

        // The compliance administrator now needs MFA, then reads the audit log but cannot change the directory.
        Assert.Equal("auth.mfa_enrollment_required", (await server.PasswordGrantAsync(target, "member-password-123")).ConclaveCode);
        var (s2, _) = await server.EnrollMfaAsync(target, "member-password-123");
        var compliance = server.CreateClient(await server.SignInAsync(target, "member-password-123", ServerFixture.Totp(s2)));
        Assert.Equal(HttpStatusCode.OK, (await compliance.GetAsync("/api/admin/audit?take=5")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await compliance.GetAsync("/api/admin/users")).StatusCode);
    }

    [Theory]
    [InlineData("{\"upn\":\"not-an-upn\",\"displayName\":\"X\"}", "upn")]
    [InlineData("{\"upn\":\"ok@conclave.test\",\"displayName\":\"\"}", "displayName")]
    [InlineData("{\"upn\":\"ok2@conclave.test\",\"displayName\":\"X\",\"kind\":\"Robot\"}", "kind")]
    [InlineData("{\"upn\":\"ok3@conclave.test\",\"displayName\":\"X\",\"password\":\"short\"}", "password")]
    public async Task CreateUser_InvalidField_Is400NamingTheField(string json, string field)
    {
        using var client = server.CreateClient(await server.SignInAdminAsync());
        using var response = await client.PostAsync("/api/admin/users", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task RoleGrant_UnknownRole_Is400NamingRole()
    {
        using var response = await server.PostJsonAsync("/api/admin/roles", new { user = ServerFixture.AdminUpn, role = "Owner" }, await server.SignInAdminAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("directory.invalid_role", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task Audit_Query_FiltersByTimeAndValidatesTake()
    {
        using var client = server.CreateClient(await server.SignInAdminAsync());
        var future = Uri.EscapeDataString(DateTimeOffset.Parse("2999-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToString("O"));
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>($"/api/admin/audit?from={future}")).EnumerateArray());
        Assert.NotEmpty((await client.GetFromJsonAsync<JsonElement>("/api/admin/audit?to=" + future)).EnumerateArray());
        using var bad = await client.GetAsync("/api/admin/audit?take=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/admin/audit?take=1")).EnumerateArray());
    }
}
