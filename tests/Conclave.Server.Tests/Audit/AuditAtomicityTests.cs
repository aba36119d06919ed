using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Storage;
using Conclave.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Audit;

/// <summary>A server whose store fails to write the audit records the test dooms.</summary>
public sealed class AuditFailureFixture : ServerFixture
{
    public FailingAuditInterceptor Interceptor { get; } = new();

    protected override void Configure(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) =>
        builder.Services.ConfigureDbContext<SqliteConclaveDbContext>(o => o.AddInterceptors(Interceptor));
}

/// <summary>
/// An audited change and its audit record commit together or not at all: when the record cannot be
/// written, the change is not in force either, for every audited admin operation.
/// </summary>
public sealed class AuditAtomicityTests(AuditFailureFixture server) : IClassFixture<AuditFailureFixture>
{
    private const string Meeting = "/api/admin/policies/TeamsMeetingPolicy";
    private const string Encryption = "/api/admin/policies/TeamsEnhancedEncryptionPolicy";
    private const string Password = "member-password-123";

    private static async Task AssertNotDoneAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.InternalServerError, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("server.error", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpClient> AdminAsync() => server.CreateClient(await server.SignInAdminAsync());

    private async Task<T> InStoreAsync<T>(Func<ConclaveDbContext, Task<T>> query)
    {
        await using var scope = server.Server.App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ConclaveDbContext>());
    }

    [Fact]
    public async Task CreateUser_WhoseAuditRecordFails_LeavesNoUser()
    {
        using var admin = await AdminAsync();
        var upn = ServerFixture.UniqueName("noaudit") + "@" + ServerFixture.Domain;
        server.Interceptor.Doom(upn);

        using var created = await admin.PostAsJsonAsync("/api/admin/users", new { upn, displayName = "X", password = Password });

        await AssertNotDoneAsync(created);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/users/{upn}")).StatusCode);
    }

    [Fact]
    public async Task PasswordChange_WhoseAuditRecordFails_KeepsTheOldPassword()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("atompw"), Password);
        server.Interceptor.Doom(upn);

        using var changed = await server.PostJsonAsync("/api/account/password", new { upn, currentPassword = Password, newPassword = Password + "-new" });

        await AssertNotDoneAsync(changed);
        Assert.True((await server.PasswordGrantAsync(upn, Password)).Succeeded);
    }

    [Fact]
    public async Task MfaConfirmation_WhoseAuditRecordFails_LeavesMfaOff()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("atommfa"), Password);
        using var enroll = await server.PostJsonAsync("/api/account/mfa/enroll", new { upn, password = Password });
        var secret = (await OkAsync(enroll)).GetProperty("secret").GetString()!;
        server.Interceptor.Doom(upn);

        using var confirmed = await server.PostJsonAsync("/api/account/mfa/confirm", new { upn, password = Password, code = ServerFixture.Totp(secret) });

        await AssertNotDoneAsync(confirmed);
        Assert.True((await server.PasswordGrantAsync(upn, Password)).Succeeded, "a password alone still signs in: MFA is not on");
    }

    [Fact]
    public async Task PatchUser_WhoseAuditRecordFails_LeavesTheUserUnchanged()
    {
        using var admin = await AdminAsync();
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("atompatch"), Password);
        server.Interceptor.Doom(upn);

        using var patched = await admin.PatchAsJsonAsync($"/api/admin/users/{upn}", new { displayName = "Renamed", enabled = false });

        await AssertNotDoneAsync(patched);
        var user = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users/{upn}");
        Assert.NotEqual("Renamed", user.GetProperty("displayName").GetString());
        Assert.True(user.GetProperty("enabled").GetBoolean());
        Assert.True((await server.PasswordGrantAsync(upn, Password)).Succeeded);
    }

    [Fact]
    public async Task GrantRole_WhoseAuditRecordFails_LeavesTheRoleUngranted()
    {
        using var admin = await AdminAsync();
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("atomrole"), Password);
        server.Interceptor.Doom(upn);

        using var granted = await admin.PostAsJsonAsync("/api/admin/roles", new { user = upn, role = "TeamsAdministrator" });

        await AssertNotDoneAsync(granted);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users/{upn}")).GetProperty("roles").EnumerateArray());
    }

    [Fact]
    public async Task CreateGroup_WhoseAuditRecordFails_LeavesNoGroup()
    {
        using var admin = await AdminAsync();
        var name = ServerFixture.UniqueName("NoAuditGroup");
        server.Interceptor.Doom(name);

        using var created = await admin.PostAsJsonAsync("/api/admin/groups", new { name });

        await AssertNotDoneAsync(created);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/groups/{name}")).StatusCode);
    }

    [Fact]
    public async Task AddAndRemoveGroupMember_WhoseAuditRecordsFail_LeaveMembershipAsItWas()
    {
        using var admin = await AdminAsync();
        var name = ServerFixture.UniqueName("AtomGroup");
        await OkAsync(await admin.PostAsJsonAsync("/api/admin/groups", new { name }));
        var stays = await server.CreateUserAsync(ServerFixture.UniqueName("atomstays"), Password);
        var joins = await server.CreateUserAsync(ServerFixture.UniqueName("atomjoins"), Password);
        await OkAsync(await admin.PostAsJsonAsync($"/api/admin/groups/{name}/members", new { user = stays }));
        server.Interceptor.Doom(stays);
        server.Interceptor.Doom(joins);

        await AssertNotDoneAsync(await admin.PostAsJsonAsync($"/api/admin/groups/{name}/members", new { user = joins }));
        await AssertNotDoneAsync(await admin.DeleteAsync($"/api/admin/groups/{name}/members/{stays}"));

        var members = (await admin.GetFromJsonAsync<JsonElement>($"/api/admin/groups/{name}")).GetProperty("members").EnumerateArray().Select(m => m.GetString());
        Assert.Equal([stays], members);
    }

    [Fact]
    public async Task CreateApp_WhoseAuditRecordFails_LeavesNoAppAndNoClient()
    {
        using var admin = await AdminAsync();
        var name = ServerFixture.UniqueName("noaudit-app-");
        server.Interceptor.Doom(name);

        using var created = await admin.PostAsJsonAsync("/api/admin/apps", new { displayName = name, roles = Array.Empty<string>() });

        await AssertNotDoneAsync(created);
        Assert.False(await InStoreAsync(db => db.AppRegistrations.AnyAsync(a => a.DisplayName == name)));
        Assert.False(await InStoreAsync(db => db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().AnyAsync(a => a.DisplayName == name)));
    }

    [Fact]
    public async Task AppUpdateDeleteAndNewSecret_WhoseAuditRecordsFail_LeaveTheAppAsItWas()
    {
        using var admin = await AdminAsync();
        var created = await OkAsync(await admin.PostAsJsonAsync("/api/admin/apps", new { displayName = ServerFixture.UniqueName("atomapp"), roles = new[] { "TeamsAdministrator" } }));
        var clientId = created.GetProperty("clientId").GetString()!;
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = created.GetProperty("clientSecret").GetString()!,
            ["scope"] = "api",
        };
        var token = await server.TokenAsync(form);
        Assert.True(token.Succeeded, token.ToString());
        server.Interceptor.Doom(clientId);

        await AssertNotDoneAsync(await admin.PatchAsJsonAsync($"/api/admin/apps/{clientId}", new { enabled = false, roles = Array.Empty<string>() }));
        await AssertNotDoneAsync(await admin.PostAsync($"/api/admin/apps/{clientId}/secret", null));
        await AssertNotDoneAsync(await admin.DeleteAsync($"/api/admin/apps/{clientId}"));

        using var app = server.CreateClient(token.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/admin/users")).StatusCode);
        Assert.True((await server.TokenAsync(form)).Succeeded);
        var view = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/apps/{clientId}");
        Assert.True(view.GetProperty("enabled").GetBoolean());
        Assert.Equal(["TeamsAdministrator"], view.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task PolicyNewSetRemove_WhoseAuditRecordsFail_ChangeNothing()
    {
        using var admin = await AdminAsync();
        var doomedNew = ServerFixture.UniqueName("NoAuditNew");
        server.Interceptor.Doom(doomedNew);
        await AssertNotDoneAsync(await admin.PostAsJsonAsync(Meeting, new { identity = doomedNew }));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Meeting}/Tag:{doomedNew}")).StatusCode);

        var kept = ServerFixture.UniqueName("AtomKept");
        await OkAsync(await admin.PostAsJsonAsync(Meeting, new { identity = kept, parameters = new { Description = "before" } }));
        server.Interceptor.Doom(kept);
        await AssertNotDoneAsync(await admin.PatchAsJsonAsync($"{Meeting}/Tag:{kept}", new { parameters = new { Description = "after" } }));
        await AssertNotDoneAsync(await admin.DeleteAsync($"{Meeting}/Tag:{kept}"));

        var view = await admin.GetFromJsonAsync<JsonElement>($"{Meeting}/Tag:{kept}");
        Assert.Equal("before", view.GetProperty("parameters").GetProperty("Description").GetString());
    }

    [Fact]
    public async Task PolicyGrants_WhoseAuditRecordsFail_ChangeNoAssignment()
    {
        using var admin = await AdminAsync();
        var policy = ServerFixture.UniqueName("AtomGrant");
        await OkAsync(await admin.PostAsJsonAsync(Encryption, new { identity = policy }));
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("atomgrant"), Password);
        var group = ServerFixture.UniqueName("AtomGrantGroup");
        await OkAsync(await admin.PostAsJsonAsync("/api/admin/groups", new { name = group }));
        var assigned = ServerFixture.UniqueName("AtomAssigned");
        await OkAsync(await admin.PostAsJsonAsync("/api/admin/groups", new { name = assigned }));
        await OkAsync(await admin.PostAsJsonAsync($"{Encryption}/grants", new { group = assigned, policyName = policy }));
        server.Interceptor.Doom(upn);
        server.Interceptor.Doom(group);
        server.Interceptor.Doom(assigned);

        await AssertNotDoneAsync(await admin.PostAsJsonAsync($"{Encryption}/grants", new { user = upn, policyName = policy }));
        await AssertNotDoneAsync(await admin.PostAsJsonAsync($"{Encryption}/grants", new { group, policyName = policy }));
        await AssertNotDoneAsync(await admin.DeleteAsync($"{Encryption}/group-assignments/{assigned}"));
        server.Interceptor.Doom(policy);
        await AssertNotDoneAsync(await admin.PostAsJsonAsync($"{Encryption}/grants", new { global = true, policyName = policy }));

        var effective = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/effective-policy/{upn}");
        Assert.Equal("Global", effective.EnumerateArray().Single(e => e.GetProperty("policyType").GetString() == "TeamsEnhancedEncryptionPolicy").GetProperty("source").GetString());
        var groups = (await admin.GetFromJsonAsync<JsonElement>($"{Encryption}/group-assignments")).EnumerateArray().Select(a => a.GetProperty("groupName").GetString()).ToList();
        Assert.Contains(assigned, groups);
        Assert.DoesNotContain(group, groups);
    }

    [Fact]
    public async Task E2eeCallSetting_WhoseAuditRecordFails_StaysUnset()
    {
        using var admin = await AdminAsync();
        var policy = ServerFixture.UniqueName("AtomChoice");
        await OkAsync(await admin.PostAsJsonAsync(Encryption, new { identity = policy, parameters = new { CallingEndtoEndEncryptionEnabledType = "DisabledUserOverride" } }));
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("atomsetting"), Password);
        await OkAsync(await admin.PostAsJsonAsync($"{Encryption}/grants", new { user = upn, policyName = policy }));
        using var user = server.CreateClient(await server.SignInAsync(upn, Password));
        server.Interceptor.Doom(upn);

        await AssertNotDoneAsync(await user.PutAsJsonAsync("/api/me/e2ee-calls", new { setting = "On" }));

        Assert.Equal("Unset", (await user.GetFromJsonAsync<JsonElement>("/api/me/e2ee-calls")).GetProperty("setting").GetString());
    }
}
