using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Server.Tests.Fixtures;
using static Conclave.Server.Tests.Chat.ProblemCodes;

namespace Conclave.Server.Tests.ConditionalAccess;

/// <summary>
/// /api/admin/conditional-access (docs/api.md, "Conditional access"): named locations and policies round-trip with
/// their audit records, every refusal code with nothing stored, What If, and the self-lockout guard.
/// </summary>
public sealed class ConditionalAccessApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Path = "/api/admin/conditional-access";

    [Fact]
    public async Task Location_RoundTrip_Update_Remove_EachAudited()
    {
        using var admin = server.CreateClient(await server.SignInAdminAsync());
        var name = TestHost.UniqueName("Office ");
        using (var created = await admin.PostAsJsonAsync($"{Path}/locations", new NewNamedLocationRequest(name, ["10.0.0.0/8", "2001:DB8::/32", "10.0.0.0/8"], true)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var view = (await created.Content.ReadFromJsonAsync<NamedLocationView>())!;
            Assert.Equal(["10.0.0.0/8", "2001:db8::/32"], view.IpRanges);
            Assert.True(view.IsTrusted);
        }

        using (var patched = await admin.PatchAsJsonAsync($"{Path}/locations/{Uri.EscapeDataString(name.ToUpperInvariant())}", new UpdateNamedLocationRequest(["192.168.0.0/16"], false)))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        var read = await admin.GetFromJsonAsync<NamedLocationView>($"{Path}/locations/{Uri.EscapeDataString(name)}");
        Assert.Equal(["192.168.0.0/16"], read!.IpRanges);
        Assert.False(read.IsTrusted);
        using (var removed = await admin.DeleteAsync($"{Path}/locations/{Uri.EscapeDataString(name)}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using (var gone = await admin.GetAsync($"{Path}/locations/{Uri.EscapeDataString(name)}"))
        {
            await AssertRefusedAsync(gone, HttpStatusCode.NotFound, ErrorCodes.Access.NotFound);
        }

        var update = (await server.AuditAsync("action=access.location.update")).EnumerateArray().Single(a => a.GetProperty("target").GetString() == name);
        Assert.True(update.GetProperty("details").GetProperty("before").GetProperty("isTrusted").GetBoolean());
        Assert.Equal("192.168.0.0/16", update.GetProperty("details").GetProperty("after").GetProperty("ipRanges")[0].GetString());
        Assert.Single((await server.AuditAsync("action=access.location.create")).EnumerateArray(), a => a.GetProperty("target").GetString() == name);
        Assert.Single((await server.AuditAsync("action=access.location.remove")).EnumerateArray(), a => a.GetProperty("target").GetString() == name);
    }

    [Fact]
    public async Task Policy_RoundTrip_ShowsNames_DefaultsToReportOnly_AndALocationInUseCannotBeRemoved()
    {
        using var admin = server.CreateClient(await server.SignInAdminAsync());
        var upn = await server.CreateUserAsync(TestHost.UniqueName("ca-user"), "user-correct-horse-1");
        var group = await GroupAsync(admin);
        var location = await LocationAsync(admin, trusted: true, "203.0.113.0/24");
        var name = TestHost.UniqueName("Finance MFA ");
        using (var created = await admin.PostAsJsonAsync($"{Path}/policies", new NewConditionalAccessPolicyRequest(
                   name, null, [upn.ToUpperInvariant()], [group], null, null, ["chat", "AdminApi"], [location.ToLowerInvariant()], null, ["requiremfa", "RequireCompliantDevice"])))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var view = (await created.Content.ReadFromJsonAsync<ConditionalAccessPolicyView>())!;
            Assert.Equal("ReportOnly", view.State);
            Assert.Equal([upn], view.IncludeUsers);
            Assert.Equal([group], view.IncludeGroups);
            Assert.Equal(["Chat", "AdminApi"], view.Applications);
            Assert.Equal([location], view.IncludeLocations);
            Assert.Equal(["RequireMfa", "RequireCompliantDevice"], view.GrantControls);
        }

        using (var inUse = await admin.DeleteAsync($"{Path}/locations/{Uri.EscapeDataString(location)}"))
        {
            await AssertRefusedAsync(inUse, HttpStatusCode.Conflict, ErrorCodes.Access.LocationInUse);
        }

        using (var patched = await admin.PatchAsJsonAsync($"{Path}/policies/{Uri.EscapeDataString(name)}", new UpdateConditionalAccessPolicyRequest(State: "Disabled", IncludeLocations: ["All"])))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
            var view = (await patched.Content.ReadFromJsonAsync<ConditionalAccessPolicyView>())!;
            Assert.Equal(("Disabled", "All"), (view.State, view.IncludeLocations.Single()));
            Assert.Equal([upn], view.IncludeUsers);
        }

        var update = (await server.AuditAsync("action=access.policy.update")).EnumerateArray().Single(a => a.GetProperty("target").GetString() == name);
        Assert.Equal("ReportOnly", update.GetProperty("details").GetProperty("before").GetProperty("state").GetString());
        Assert.Equal("Disabled", update.GetProperty("details").GetProperty("after").GetProperty("state").GetString());

        using (var removed = await admin.DeleteAsync($"{Path}/policies/{Uri.EscapeDataString(name)}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using (var free = await admin.DeleteAsync($"{Path}/locations/{Uri.EscapeDataString(location)}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, free.StatusCode);
        }
    }

    public static TheoryData<string, object, HttpStatusCode, string> Refusals => new()
    {
        { "locations", new NewNamedLocationRequest("bad", ["10.0.0.1/8"]), HttpStatusCode.BadRequest, ErrorCodes.Access.InvalidIpRange },
        { "locations", new NewNamedLocationRequest("bad", ["10.0.0.0"]), HttpStatusCode.BadRequest, ErrorCodes.Access.InvalidIpRange },
        { "locations", new NewNamedLocationRequest("bad", ["2001:db8::/200"]), HttpStatusCode.BadRequest, ErrorCodes.Access.InvalidIpRange },
        { "locations", new NewNamedLocationRequest("bad", []), HttpStatusCode.BadRequest, ErrorCodes.Access.TooManyRanges },
        { "locations", new NewNamedLocationRequest("", ["10.0.0.0/8"]), HttpStatusCode.BadRequest, ErrorCodes.Access.InvalidName },
        { "policies", Policy(groups: ["no such group"]), HttpStatusCode.BadRequest, ErrorCodes.Access.UnknownGroup },
        { "policies", Policy(users: ["nobody@conclave.test"]), HttpStatusCode.BadRequest, ErrorCodes.Access.UnknownUser },
        { "policies", Policy(locations: ["no such location"]), HttpStatusCode.BadRequest, ErrorCodes.Access.UnknownLocation },
        { "policies", Policy(state: "On"), HttpStatusCode.BadRequest, ErrorCodes.Access.InvalidValue },
        { "policies", Policy(state: "1"), HttpStatusCode.BadRequest, ErrorCodes.Access.InvalidValue },
        { "policies", Policy(grant: ["Block", "RequireMfa"]), HttpStatusCode.BadRequest, ErrorCodes.Access.InvalidValue },
        { "policies", Policy(grant: []), HttpStatusCode.BadRequest, ErrorCodes.Access.InvalidValue },
        { "policies", Policy(apps: ["Calls"]), HttpStatusCode.BadRequest, ErrorCodes.Access.InvalidValue },
        { "policies", Policy(users: []), HttpStatusCode.BadRequest, ErrorCodes.Access.InvalidValue },
        { "policies", Policy(users: ["All", "admin@conclave.test"]), HttpStatusCode.BadRequest, ErrorCodes.Access.InvalidValue },
        { "policies", Policy(locations: ["All", "AllTrusted"]), HttpStatusCode.BadRequest, ErrorCodes.Access.InvalidValue },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task InvalidDefinitions_AreRefusedWithTheirCode_AndNothingIsStored(string kind, object body, HttpStatusCode status, string code)
    {
        using var admin = server.CreateClient(await server.SignInAdminAsync());
        var before = await admin.GetStringAsync($"{Path}/locations") + await admin.GetStringAsync($"{Path}/policies");
        using var refused = await admin.PostAsync($"{Path}/{kind}", JsonContent.Create(body, body.GetType()));
        await AssertRefusedAsync(refused, status, code);
        Assert.Equal(before, await admin.GetStringAsync($"{Path}/locations") + await admin.GetStringAsync($"{Path}/policies"));
    }

    [Fact]
    public async Task APolicyThatWouldBlockTheAdministrator_IsRefused_AndNothingIsStored()
    {
        using var admin = server.CreateClient(await server.SignInAdminAsync());
        var name = TestHost.UniqueName("lock ");
        using var refused = await admin.PostAsJsonAsync($"{Path}/policies", Policy(name: name, state: "Enabled", apps: ["AdminApi"], grant: ["Block"]));
        await AssertRefusedAsync(refused, HttpStatusCode.Conflict, ErrorCodes.Access.SelfLockout);
        using var absent = await admin.GetAsync($"{Path}/policies/{Uri.EscapeDataString(name)}");
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);

        // Excluding oneself is the way out, as in Entra.
        using var excluded = await admin.PostAsJsonAsync($"{Path}/policies", Policy(name: name, state: "Enabled", apps: ["AdminApi"], grant: ["Block"]) with { ExcludeUsers = [TestHost.AdminUpn] });
        Assert.Equal(HttpStatusCode.Created, excluded.StatusCode);
        using var removed = await admin.DeleteAsync($"{Path}/policies/{Uri.EscapeDataString(name)}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }

    [Fact]
    public async Task WhatIf_NamesEachPolicyAndTheDecision_ByLocationAndMfa()
    {
        using var admin = server.CreateClient(await server.SignInAdminAsync());
        var upn = await server.CreateUserAsync(TestHost.UniqueName("ca-whatif"), "user-correct-horse-1");
        var office = await LocationAsync(admin, trusted: true, "10.0.0.0/8");
        var block = TestHost.UniqueName("Block outside ");
        var mfa = TestHost.UniqueName("MFA report ");
        await CreatePolicyAsync(admin, Policy(name: block, state: "Enabled", users: [upn], apps: ["Chat"], grant: ["Block"]) with { ExcludeLocations = ["AllTrusted"] });
        await CreatePolicyAsync(admin, Policy(name: mfa, state: "ReportOnly", users: [upn], apps: ["All"], grant: ["RequireMfa"]));

        var inside = await WhatIfAsync(admin, new WhatIfRequest(upn, "::ffff:10.1.2.3", Application: "Chat"));
        Assert.Equal(("Allowed", null, "10.1.2.3"), (inside.Decision, inside.Code, inside.IpAddress));
        Assert.Equal("NotApplied", inside.Policies.Single(p => p.Name == block).Outcome);
        Assert.Equal("RequireMfa", inside.Policies.Single(p => p.Name == mfa).Outcome);

        var outside = await WhatIfAsync(admin, new WhatIfRequest(upn, "198.51.100.7", Mfa: true));
        Assert.Equal(("Refused", ErrorCodes.Access.Blocked), (outside.Decision, outside.Code));
        Assert.Contains(block, outside.Detail, StringComparison.Ordinal);
        Assert.Equal("Granted", outside.Policies.Single(p => p.Name == mfa).Outcome);

        var signIn = await WhatIfAsync(admin, new WhatIfRequest(upn, "198.51.100.7", Application: "SignIn"));
        Assert.Equal("Allowed", signIn.Decision);

        using (var badIp = await admin.PostAsJsonAsync($"{Path}/what-if", new WhatIfRequest(upn, "10.1.2")))
        {
            await AssertRefusedAsync(badIp, HttpStatusCode.BadRequest, ErrorCodes.Access.InvalidValue);
        }

        using (var unknown = await admin.PostAsJsonAsync($"{Path}/what-if", new WhatIfRequest("nobody@conclave.test", "10.1.2.3")))
        {
            await AssertRefusedAsync(unknown, HttpStatusCode.BadRequest, ErrorCodes.Access.UnknownUser);
        }

        foreach (var policy in new[] { block, mfa })
        {
            using var removed = await admin.DeleteAsync($"{Path}/policies/{Uri.EscapeDataString(policy)}");
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        Assert.NotNull(office);
    }

    internal static NewConditionalAccessPolicyRequest Policy(
        string? name = null, string? state = null, string[]? users = null, string[]? groups = null, string[]? apps = null, string[]? locations = null,
        string[]? grant = null) =>
        new(name ?? TestHost.UniqueName("p "), state, users ?? (groups is null ? ["All"] : null), groups, null, null, apps ?? ["Chat"], locations, null,
            grant ?? ["RequireMfa"]);

    internal static async Task CreatePolicyAsync(HttpClient admin, NewConditionalAccessPolicyRequest policy)
    {
        using var created = await admin.PostAsJsonAsync($"{Path}/policies", policy);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    internal static async Task<string> LocationAsync(HttpClient admin, bool trusted, params string[] ranges)
    {
        var name = TestHost.UniqueName("loc ");
        using var created = await admin.PostAsJsonAsync($"{Path}/locations", new NewNamedLocationRequest(name, ranges, trusted));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return name;
    }

    private static async Task<string> GroupAsync(HttpClient admin)
    {
        var name = TestHost.UniqueName("grp");
        using var created = await admin.PostAsJsonAsync("/api/admin/groups", new { name, mailNickname = name });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return name;
    }

    private static async Task<WhatIfResult> WhatIfAsync(HttpClient admin, WhatIfRequest request)
    {
        using var answer = await admin.PostAsJsonAsync($"{Path}/what-if", request);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        return (await answer.Content.ReadFromJsonAsync<WhatIfResult>(JsonSerializerOptions.Web))!;
    }
}
