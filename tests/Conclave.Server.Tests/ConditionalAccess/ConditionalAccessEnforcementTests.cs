using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Server.Tests.Fixtures;
using static Conclave.Server.Tests.Chat.ProblemCodes;
using static Conclave.Server.Tests.ConditionalAccess.ConditionalAccessApiTests;

namespace Conclave.Server.Tests.ConditionalAccess;

/// <summary>
/// Conditional access enforced (docs/security.md, "Conditional access"): at every chat request and at sign-in, each
/// refusal with its code and its audit record, report-only policies recorded but not enforced, MFA from the token's
/// sign-in, and device compliance set by a device-compliance app. Each policy names only its test's user.
/// </summary>
public sealed class ConditionalAccessEnforcementTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = "user-correct-horse-1";

    [Fact]
    public async Task Block_OnChat_RefusesTheUsersChatRequests_AndAuditsThem_LeavingOthersAlone()
    {
        using var admin = server.CreateClient(await server.SignInAdminAsync());
        var upn = await server.CreateUserAsync(TestHost.UniqueName("ca-blocked"), Password);
        var policy = TestHost.UniqueName("Block chat ");
        await CreatePolicyAsync(admin, Policy(name: policy, state: "Enabled", users: [upn], apps: ["Chat"], grant: ["Block"]));

        using var user = server.CreateClient(await server.SignInAsync(upn, Password));
        using (var refused = await user.GetAsync("/api/chats"))
        {
            await AssertRefusedAsync(refused, HttpStatusCode.Forbidden, ErrorCodes.Access.Blocked);
            Assert.Contains(policy, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var me = await user.GetAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        using (var others = await admin.GetAsync("/api/chats"))
        {
            Assert.Equal(HttpStatusCode.OK, others.StatusCode);
        }

        var audit = (await server.AuditAsync("action=access.denied")).EnumerateArray().Single(a => a.GetProperty("actorUpn").GetString() == upn);
        Assert.Equal("GET /api/chats", audit.GetProperty("target").GetString());
        var details = audit.GetProperty("details");
        Assert.Equal((ErrorCodes.Access.Blocked, "Chat"), (details.GetProperty("code").GetString(), details.GetProperty("application").GetString()));
        Assert.Equal((policy, "Block"), (details.GetProperty("policies")[0].GetProperty("name").GetString(), details.GetProperty("policies")[0].GetProperty("control").GetString()));
        Assert.DoesNotContain("eyJ", audit.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportOnly_DoesNotRefuse_ButAuditsWhatItWouldHaveDone()
    {
        using var admin = server.CreateClient(await server.SignInAdminAsync());
        var upn = await server.CreateUserAsync(TestHost.UniqueName("ca-report"), Password);
        var policy = TestHost.UniqueName("Report block ");
        await CreatePolicyAsync(admin, Policy(name: policy, state: "ReportOnly", users: [upn], apps: ["Chat"], grant: ["Block"]));

        using var user = server.CreateClient(await server.SignInAsync(upn, Password));
        using (var allowed = await user.GetAsync("/api/chats"))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var audit = (await server.AuditAsync("action=access.report_only")).EnumerateArray().Single(a => a.GetProperty("actorUpn").GetString() == upn);
        Assert.Equal(policy, audit.GetProperty("details").GetProperty("policies")[0].GetProperty("name").GetString());
        Assert.DoesNotContain((await server.AuditAsync("action=access.denied")).EnumerateArray(), a => a.GetProperty("actorUpn").GetString() == upn);
    }

    [Fact]
    public async Task RequireMfa_RefusesAPasswordOnlyToken_AndAdmitsAnMfaOne()
    {
        using var admin = server.CreateClient(await server.SignInAdminAsync());
        var upn = await server.CreateUserAsync(TestHost.UniqueName("ca-mfa"), Password);
        await CreatePolicyAsync(admin, Policy(state: "Enabled", users: [upn], apps: ["Chat"], grant: ["RequireMfa"]));

        using (var passwordOnly = server.CreateClient(await server.SignInAsync(upn, Password)))
        using (var refused = await passwordOnly.GetAsync("/api/chats"))
        {
            await AssertRefusedAsync(refused, HttpStatusCode.Forbidden, ErrorCodes.Access.MfaRequired);
        }

        var (secret, _) = await server.EnrollMfaAsync(upn, Password);
        using var multiFactor = server.CreateClient(await server.SignInAsync(upn, Password, TestHost.Totp(secret)));
        using var allowed = await multiFactor.GetAsync("/api/chats");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task RequireMfa_AtSignIn_RefusesAnAccountWithoutAnAuthenticator_AndBlockRefusesTheSignIn()
    {
        using var admin = server.CreateClient(await server.SignInAdminAsync());
        var noAuthenticator = await server.CreateUserAsync(TestHost.UniqueName("ca-signin-mfa"), Password);
        var blocked = await server.CreateUserAsync(TestHost.UniqueName("ca-signin-block"), Password);
        await CreatePolicyAsync(admin, Policy(state: "Enabled", users: [noAuthenticator], apps: ["SignIn"], grant: ["RequireMfa"]));
        await CreatePolicyAsync(admin, Policy(state: "Enabled", users: [blocked], apps: ["SignIn"], grant: ["Block"]));

        var mfa = await server.PasswordGrantAsync(noAuthenticator, Password);
        Assert.False(mfa.Succeeded);
        Assert.Equal(ErrorCodes.Access.MfaRequired, mfa.Body.GetProperty("conclave_code").GetString());

        var block = await server.PasswordGrantAsync(blocked, Password);
        Assert.False(block.Succeeded);
        Assert.Equal(ErrorCodes.Access.Blocked, block.Body.GetProperty("conclave_code").GetString());
        Assert.Contains((await server.AuditAsync("action=access.denied")).EnumerateArray(), a => a.GetProperty("actorUpn").GetString() == blocked
            && a.GetProperty("details").GetProperty("application").GetString() == "SignIn");
    }

    [Fact]
    public async Task RequireCompliantDevice_AdmitsOnceADeviceComplianceAppMarksTheDevice_AndRefusesAppsWithoutTheRole()
    {
        using var admin = server.CreateClient(await server.SignInAdminAsync());
        var upn = await server.CreateUserAsync(TestHost.UniqueName("ca-device"), Password);
        await CreatePolicyAsync(admin, Policy(state: "Enabled", users: [upn], apps: ["Chat"], grant: ["RequireCompliantDevice"]));

        var signedIn = await server.PasswordGrantAsync(upn, Password);
        Assert.True(signedIn.Succeeded, signedIn.ToString());
        using var user = server.CreateClient(signedIn.AccessToken);
        using (var refused = await user.GetAsync("/api/chats"))
        {
            await AssertRefusedAsync(refused, HttpStatusCode.Forbidden, ErrorCodes.Access.DeviceNotCompliant);
        }

        var devices = await admin.GetFromJsonAsync<DeviceView[]>($"/api/admin/devices?user={Uri.EscapeDataString(upn)}");
        var device = Assert.Single(devices!);
        Assert.False(device.IsCompliant);
        var path = $"/api/admin/devices/{Uri.EscapeDataString(device.Id)}/compliance";

        foreach (var roles in new[] { Array.Empty<string>(), ["TeamsAdministrator"] })
        {
            using var app = server.CreateClient(await AppTokenAsync(admin, roles));
            using var denied = await app.PutAsJsonAsync(path, new SetDeviceComplianceRequest(true));
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        using (var person = server.CreateClient(await server.SignInAsync(await server.CreateUserAsync(TestHost.UniqueName("ca-notadmin"), Password), Password)))
        using (var denied = await person.PutAsJsonAsync(path, new SetDeviceComplianceRequest(true)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        using var mdm = server.CreateClient(await AppTokenAsync(admin, AppRoleNames.DeviceCompliance));
        using (var missing = await mdm.PutAsJsonAsync(path, new SetDeviceComplianceRequest(null)))
        {
            await AssertRefusedAsync(missing, HttpStatusCode.BadRequest, ErrorCodes.Access.InvalidValue);
        }

        using (var unknown = await mdm.PutAsJsonAsync("/api/admin/devices/no-such-device/compliance", new SetDeviceComplianceRequest(true)))
        {
            await AssertRefusedAsync(unknown, HttpStatusCode.NotFound, ErrorCodes.Access.DeviceNotFound);
        }

        using (var marked = await mdm.PutAsJsonAsync(path, new SetDeviceComplianceRequest(true)))
        {
            Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
            var view = (await marked.Content.ReadFromJsonAsync<DeviceComplianceView>())!;
            Assert.True(view.IsCompliant);
            Assert.StartsWith("app:", view.ComplianceSetBy, StringComparison.Ordinal);
        }

        using (var allowed = await user.GetAsync("/api/chats"))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        // A refresh continues the same device, so it stays compliant; a new sign-in is a new device.
        var refreshed = await server.RefreshAsync(signedIn.RefreshToken!);
        Assert.True(refreshed.Succeeded, refreshed.ToString());
        using (var again = server.CreateClient(refreshed.AccessToken))
        using (var allowedAgain = await again.GetAsync("/api/chats"))
        {
            Assert.Equal(HttpStatusCode.OK, allowedAgain.StatusCode);
        }

        using (var other = server.CreateClient(await server.SignInAsync(upn, Password)))
        using (var refusedOther = await other.GetAsync("/api/chats"))
        {
            await AssertRefusedAsync(refusedOther, HttpStatusCode.Forbidden, ErrorCodes.Access.DeviceNotCompliant);
        }

        var audit = (await server.AuditAsync("action=device.compliance.set")).EnumerateArray().Single(a => a.GetProperty("target").GetString() == device.Id);
        Assert.Equal(JsonValueKind.Null, audit.GetProperty("details").GetProperty("before").ValueKind);
        Assert.True(audit.GetProperty("details").GetProperty("after").GetProperty("isCompliant").GetBoolean());
        Assert.True((await admin.GetFromJsonAsync<DeviceView[]>($"/api/admin/devices?user={Uri.EscapeDataString(upn)}"))!.Single(d => d.Id == device.Id).IsCompliant);
    }

    private async Task<string> AppTokenAsync(HttpClient admin, params string[] roles)
    {
        using var created = await admin.PostAsJsonAsync("/api/admin/apps", new { displayName = TestHost.UniqueName("mdm "), roles });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        var token = await server.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = body.GetProperty("clientId").GetString()!,
            ["client_secret"] = body.GetProperty("clientSecret").GetString()!,
            ["scope"] = "api",
        });
        Assert.True(token.Succeeded, token.ToString());
        return token.AccessToken;
    }
}
