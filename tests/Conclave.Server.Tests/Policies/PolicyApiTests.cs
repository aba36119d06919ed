using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Domain.Policies.Schema;
using Conclave.Server.Policies;
using Conclave.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Policies;

/// <summary>The policy API against SQLite (the embedded default).</summary>
public sealed class SqlitePolicyApiTests(ServerFixture server) : PolicyApiTests(server), IClassFixture<ServerFixture>;

/// <summary>The same tests against a real PostgreSQL on loopback.</summary>
public sealed class PostgresPolicyApiTests(PostgresServerFixture server) : PolicyApiTests(server), IClassFixture<PostgresServerFixture>;

public abstract class PolicyApiTests(ServerFixture server)
{
    private const string Encryption = "/api/admin/policies/TeamsEnhancedEncryptionPolicy";

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Source(JsonElement effective, string type) =>
        effective.EnumerateArray().Single(e => e.GetProperty("policyType").GetString() == type).GetProperty("source").GetString()!;

    private async Task<string> CreateGroupAsync(string admin, string name, string memberUpn)
    {
        using var created = await server.PostJsonAsync("/api/admin/groups", new { name }, admin);
        await Json(created, HttpStatusCode.Created);
        using var added = await server.PostJsonAsync($"/api/admin/groups/{Uri.EscapeDataString(name)}/members", new { user = memberUpn }, admin);
        await Json(added, HttpStatusCode.OK);
        return name;
    }

    [Fact]
    public async Task Set_BadValue_AnswersLikePowerShell_AndChangesNothing()
    {
        var admin = await server.SignInAdminAsync();
        using var client = server.CreateClient(admin);
        var before = await client.GetFromJsonAsync<JsonElement>($"{Encryption}/Global");

        using var refused = await client.PatchAsJsonAsync($"{Encryption}/Global", new { parameters = new { CallingEndtoEndEncryptionEnabledType = "Foo", Description = "x" } });

        var problem = await Json(refused, HttpStatusCode.BadRequest);
        Assert.Equal("policy.invalid_value", problem.GetProperty("code").GetString());
        Assert.Equal(
            "Cannot bind parameter 'CallingEndtoEndEncryptionEnabledType'. Cannot convert value \"Foo\" to type \"EnhancedEncryptionMode\". Valid values are: Disabled, DisabledUserOverride, EnabledUserOverride, Required.",
            problem.GetProperty("detail").GetString());
        Assert.Equal(before.GetRawText(), (await client.GetFromJsonAsync<JsonElement>($"{Encryption}/Global")).GetRawText());

        using var unknown = await client.PatchAsJsonAsync($"{Encryption}/Global", new { parameters = new { NoSuchThing = true } });
        Assert.Equal("policy.unknown_parameter", (await Json(unknown, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Lifecycle_CreateGrantExplainUnassignRemove_WithAudit()
    {
        var admin = await server.SignInAdminAsync();
        using var client = server.CreateClient(admin);
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("pol"), "member-password-123");
        var direct = ServerFixture.UniqueName("Direct");
        var viaGroup = ServerFixture.UniqueName("ViaGroup");
        var tenant = ServerFixture.UniqueName("Tenant");
        var group = await CreateGroupAsync(admin, ServerFixture.UniqueName("Finance"), upn);

        foreach (var (name, mode) in new[] { (direct, "Required"), (viaGroup, "EnabledUserOverride"), (tenant, "DisabledUserOverride") })
        {
            using var created = await server.PostJsonAsync(Encryption, new { identity = $"Tag:{name}", parameters = new { CallingEndtoEndEncryptionEnabledType = mode } }, admin);
            var view = await Json(created, HttpStatusCode.Created);
            Assert.Equal(mode, view.GetProperty("parameters").GetProperty("CallingEndtoEndEncryptionEnabledType").GetString());
        }

        using var duplicate = await server.PostJsonAsync(Encryption, new { identity = direct }, admin);
        Assert.Equal("policy.exists", (await Json(duplicate, HttpStatusCode.Conflict)).GetProperty("code").GetString());

        await Json(await server.PostJsonAsync($"{Encryption}/grants", new { global = true, policyName = tenant }, admin), HttpStatusCode.OK);
        Assert.Equal($"TenantDefault: Tag:{tenant}", Source(await client.GetFromJsonAsync<JsonElement>($"/api/admin/effective-policy/{upn}"), "TeamsEnhancedEncryptionPolicy"));

        await Json(await server.PostJsonAsync($"{Encryption}/grants", new { group, policyName = viaGroup, rank = 1 }, admin), HttpStatusCode.OK);
        Assert.Equal($"Group: {group} (rank 1): Tag:{viaGroup}", Source(await client.GetFromJsonAsync<JsonElement>($"/api/admin/effective-policy/{upn}"), "TeamsEnhancedEncryptionPolicy"));

        var granted = await Json(await server.PostJsonAsync($"{Encryption}/grants", new { user = upn, policyName = direct }, admin), HttpStatusCode.OK);
        Assert.Equal($"Tag:{direct}", granted.GetProperty("after").GetProperty("PolicyName").GetString());
        var effective = await client.GetFromJsonAsync<JsonElement>($"/api/admin/effective-policy/{upn}");
        Assert.Equal($"Direct: Tag:{direct}", Source(effective, "TeamsEnhancedEncryptionPolicy"));
        Assert.Equal(PolicyTypes.Count, effective.GetArrayLength());

        using var inUse = await client.DeleteAsync($"{Encryption}/Tag:{direct}");
        Assert.Equal("policy.in_use", (await Json(inUse, HttpStatusCode.Conflict)).GetProperty("code").GetString());

        await Json(await server.PostJsonAsync($"{Encryption}/grants", new { user = upn, policyName = (string?)null }, admin), HttpStatusCode.OK);
        Assert.Equal($"Group: {group} (rank 1): Tag:{viaGroup}", Source(await client.GetFromJsonAsync<JsonElement>($"/api/admin/effective-policy/{upn}"), "TeamsEnhancedEncryptionPolicy"));
        using var removed = await client.DeleteAsync($"{Encryption}/Tag:{direct}");
        await Json(removed, HttpStatusCode.NoContent);
        using var gone = await client.GetAsync($"{Encryption}/Tag:{direct}");
        await Json(gone, HttpStatusCode.NotFound);

        var assignments = await client.GetFromJsonAsync<JsonElement>($"{Encryption}/group-assignments");
        Assert.Contains(assignments.EnumerateArray(), a => a.GetProperty("groupName").GetString() == group && a.GetProperty("rank").GetInt32() == 1);
        using var unassigned = await client.DeleteAsync($"{Encryption}/group-assignments/{Uri.EscapeDataString(group)}");
        await Json(unassigned, HttpStatusCode.NoContent);
        Assert.Equal($"TenantDefault: Tag:{tenant}", Source(await client.GetFromJsonAsync<JsonElement>($"/api/admin/effective-policy/{upn}"), "TeamsEnhancedEncryptionPolicy"));
        await Json(await server.PostJsonAsync($"{Encryption}/grants", new { global = true, policyName = (string?)null }, admin), HttpStatusCode.OK);

        var audit = (await server.AuditAsync("action=admin.policy&take=200")).EnumerateArray().ToList();
        var grant = audit.First(r => r.GetProperty("action").GetString() == "admin.policy.grant" && r.GetProperty("target").GetString()!.Contains(upn, StringComparison.Ordinal));
        Assert.Equal(ServerFixture.AdminUpn, grant.GetProperty("actorUpn").GetString());
        Assert.Equal($"Tag:{direct}", grant.GetProperty("details").GetProperty("before").GetProperty("PolicyName").GetString());
        Assert.Contains(audit, r => r.GetProperty("action").GetString() == "admin.policy.remove" && r.GetProperty("target").GetString()!.EndsWith(direct, StringComparison.Ordinal));
        Assert.Contains(audit, r => r.GetProperty("action").GetString() == "admin.policy.group_assignment.remove");
    }

    [Fact]
    public async Task RemoveGlobal_ResetsToTeamsDefaults_AndIsAudited()
    {
        var admin = await server.SignInAdminAsync();
        using var client = server.CreateClient(admin);
        const string meeting = "/api/admin/policies/CsTeamsMeetingPolicy";
        using var set = await client.PatchAsJsonAsync($"{meeting}/Global", new { parameters = new { AllowMeetNow = false, AutoAdmittedUsers = "OrganizerOnly" } });
        Assert.False((await Json(set, HttpStatusCode.OK)).GetProperty("parameters").GetProperty("AllowMeetNow").GetBoolean());

        using var reset = await client.DeleteAsync($"{meeting}/Global");

        var view = await Json(reset, HttpStatusCode.OK);
        Assert.True(view.GetProperty("parameters").GetProperty("AllowMeetNow").GetBoolean());
        Assert.Equal("EveryoneInCompany", view.GetProperty("parameters").GetProperty("AutoAdmittedUsers").GetString());
        var record = (await server.AuditAsync("action=admin.policy.reset&take=20")).EnumerateArray().First();
        Assert.Equal("OrganizerOnly", record.GetProperty("details").GetProperty("before").GetProperty("AutoAdmittedUsers").GetString());
        Assert.Equal("EveryoneInCompany", record.GetProperty("details").GetProperty("after").GetProperty("AutoAdmittedUsers").GetString());
    }

    [Fact]
    public async Task NonAdmin_IsRefused_WithAuditRecord()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("plain"), "member-password-123");
        var token = await server.SignInAsync(upn, "member-password-123");
        using var client = server.CreateClient(token);

        using var refused = await client.PatchAsJsonAsync($"{Encryption}/Global", new { parameters = new { CallingEndtoEndEncryptionEnabledType = "Required" } });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var denied = (await server.AuditAsync("action=admin.denied&take=50")).EnumerateArray();
        Assert.Contains(denied, r => r.GetProperty("actorUpn").GetString() == upn && r.GetProperty("target").GetString()!.Contains("/api/admin/policies", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/effective-policy/" + upn)).StatusCode);
    }

    [Fact]
    public async Task UserE2eeSetting_FollowsPolicy_AndPersists()
    {
        var admin = await server.SignInAdminAsync();
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("e2ee"), "member-password-123");
        var name = ServerFixture.UniqueName("UserChoice");
        await Json(await server.PostJsonAsync(Encryption, new { identity = name, parameters = new { CallingEndtoEndEncryptionEnabledType = "DisabledUserOverride" } }, admin), HttpStatusCode.Created);
        using var user = server.CreateClient(await server.SignInAsync(upn, "member-password-123"));

        using var locked = await user.PutAsJsonAsync("/api/me/e2ee-calls", new { setting = "On" });
        Assert.Equal("policy.setting_locked", (await Json(locked, HttpStatusCode.Forbidden)).GetProperty("code").GetString());

        await Json(await server.PostJsonAsync($"{Encryption}/grants", new { user = upn, policyName = name }, admin), HttpStatusCode.OK);
        using var turnedOn = await user.PutAsJsonAsync("/api/me/e2ee-calls", new { setting = "On" });
        var view = await Json(turnedOn, HttpStatusCode.OK);
        Assert.True(view.GetProperty("on").GetBoolean());
        Assert.Equal("UserMayEnable", view.GetProperty("mode").GetString());
        Assert.Equal("UserChoice", view.GetProperty("reason").GetString());

        // A second directory loaded from the database sees the same grants and setting.
        using var fresh = new PolicyService(server.Server.App.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);
        var id = (await (await server.CreateClient(admin).GetAsync($"/api/admin/users/{upn}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var loaded = await fresh.DirectoryAsync(CancellationToken.None);
        Assert.Equal($"Direct: Tag:{name}", loaded.Resolve(Guid.Parse(id), PolicyTypes.TeamsEnhancedEncryptionPolicy).Explain());
        Assert.True(loaded.E2ee.EffectiveE2eeCallSetting(Guid.Parse(id)).On);
    }

    [Fact]
    public async Task Schema_ListsEveryTypeWithExtensionsMarked()
    {
        using var client = server.CreateClient(await server.SignInAdminAsync());
        var schema = await client.GetFromJsonAsync<JsonElement>("/api/admin/policies");
        Assert.Equal(PolicyTypes.Count, schema.GetArrayLength());
        var calling = schema.EnumerateArray().Single(t => t.GetProperty("cmdletNoun").GetString() == "CsTeamsEnhancedEncryptionPolicy")
            .GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "CallingEndtoEndEncryptionEnabledType");
        Assert.Equal(["EnabledUserOverride", "Required"], calling.GetProperty("conclaveExtensions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Disabled", calling.GetProperty("default").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/admin/policies/CsTeamsMessagingPolicy")).StatusCode);
    }
}
