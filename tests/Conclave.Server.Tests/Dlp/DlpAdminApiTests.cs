using System.Net;
using System.Net.Http.Json;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Server.Tests.Fixtures;
using static Conclave.Server.Tests.Chat.ProblemCodes;

namespace Conclave.Server.Tests.Dlp;

/// <summary>/api/admin/dlp: definitions round-trip, every refusal code, and each change's audit record (docs/api.md, "DLP").</summary>
public sealed class DlpAdminApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task PolicyAndRule_RoundTrip_Update_Remove_EachAudited()
    {
        await using var admin = await DlpAdmin.SignInAsync(server);
        var name = TestHost.UniqueName("Cards ");
        using (var created = await admin.Http.PostAsJsonAsync("/api/admin/dlp/policies", new NewDlpPolicyRequest(name, "testwithnotifications", "Trial")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var view = (await created.Content.ReadFromJsonAsync<DlpPolicyView>())!;
            Assert.Equal((name, "TestWithNotifications", "All", "Trial"), (view.Name, view.Mode, view.TeamsLocation, view.Comment));
        }

        using (var rule = await admin.Http.PostAsJsonAsync("/api/admin/dlp/rules", new NewDlpRuleRequest(
                   name + " rule", name.ToUpperInvariant(), [new SensitiveInformationCondition("credit card number", 2, "High")],
                   "NotInOrganization", true, null, "withjustification", "Use the portal.")))
        {
            Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
            var view = (await rule.Content.ReadFromJsonAsync<DlpRuleView>())!;
            Assert.Equal((name, "BlockWithOverride", "WithJustification", "NotInOrganization"), (view.Policy, view.Action, view.NotifyAllowOverride, view.AccessScope));
            Assert.Equal(new SensitiveInformationCondition("Credit Card Number", 2, "High"), view.ContentContainsSensitiveInformation.Single());
        }

        using (var patched = await admin.Http.PatchAsJsonAsync($"/api/admin/dlp/rules/{Uri.EscapeDataString(name + " rule")}",
                   new UpdateDlpRuleRequest(BlockAccess: false, NotifyUser: ["Owner"])))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
            var view = (await patched.Content.ReadFromJsonAsync<DlpRuleView>())!;
            Assert.Equal(("NotifySender", 2), (view.Action, view.ContentContainsSensitiveInformation.Single().MinCount));
        }

        var policy = await admin.Http.GetFromJsonAsync<DlpPolicyView>($"/api/admin/dlp/policies/{Uri.EscapeDataString(name)}");
        Assert.Equal([name + " rule"], policy!.Rules);
        var rules = await admin.Http.GetFromJsonAsync<DlpRuleView[]>($"/api/admin/dlp/rules?policy={Uri.EscapeDataString(name)}");
        Assert.Single(rules!);

        using (var removed = await admin.Http.DeleteAsync($"/api/admin/dlp/policies/{Uri.EscapeDataString(name)}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using (var gone = await admin.Http.GetAsync($"/api/admin/dlp/rules/{Uri.EscapeDataString(name + " rule")}"))
        {
            await AssertRefusedAsync(gone, HttpStatusCode.NotFound, ErrorCodes.Dlp.NotFound);
        }

        foreach (var action in new[] { "dlp.policy.create", "dlp.rule.create", "dlp.rule.update", "dlp.policy.remove" })
        {
            Assert.Single((await server.AuditAsync("action=" + action)).EnumerateArray(), a => a.GetProperty("target").GetString()!.StartsWith(name, StringComparison.Ordinal));
        }

        var update = (await server.AuditAsync("action=dlp.rule.update")).EnumerateArray().Single(a => a.GetProperty("target").GetString() == name + " rule");
        Assert.True(update.GetProperty("details").GetProperty("before").GetProperty("blockAccess").GetBoolean());
        Assert.False(update.GetProperty("details").GetProperty("after").GetProperty("blockAccess").GetBoolean());
    }

    public static TheoryData<string, object, HttpStatusCode, string> Refusals => new()
    {
        { "/api/admin/dlp/policies", new NewDlpPolicyRequest("", null), HttpStatusCode.BadRequest, ErrorCodes.Dlp.InvalidName },
        { "/api/admin/dlp/policies", new NewDlpPolicyRequest("p\u0007", null), HttpStatusCode.BadRequest, ErrorCodes.Dlp.InvalidName },
        { "/api/admin/dlp/policies", new NewDlpPolicyRequest(new string('p', 129), null), HttpStatusCode.BadRequest, ErrorCodes.Dlp.InvalidName },
        { "/api/admin/dlp/policies", new NewDlpPolicyRequest("p", "On"), HttpStatusCode.BadRequest, ErrorCodes.Dlp.InvalidValue },
        { "/api/admin/dlp/policies", new NewDlpPolicyRequest("p", "1"), HttpStatusCode.BadRequest, ErrorCodes.Dlp.InvalidValue },
        { "/api/admin/dlp/rules", new NewDlpRuleRequest("r", "no such policy", [new("Credit Card Number")]), HttpStatusCode.NotFound, ErrorCodes.Dlp.NotFound },
        { "/api/admin/dlp/sensitive-types", new NewSensitiveInformationTypeRequest("t", @"(a+)+\1"), HttpStatusCode.BadRequest, ErrorCodes.Dlp.InvalidPattern },
        { "/api/admin/dlp/sensitive-types", new NewSensitiveInformationTypeRequest("t", "a*"), HttpStatusCode.BadRequest, ErrorCodes.Dlp.InvalidPattern },
        { "/api/admin/dlp/sensitive-types", new NewSensitiveInformationTypeRequest("Credit Card Number", @"\d{5}"), HttpStatusCode.Conflict, ErrorCodes.Dlp.DuplicateType },
        { "/api/admin/dlp/sensitive-types", new NewSensitiveInformationTypeRequest("t", @"\d{5}", KeywordProximity: 0), HttpStatusCode.BadRequest, ErrorCodes.Dlp.InvalidProximity },
        { "/api/admin/dlp/sensitive-types", new NewSensitiveInformationTypeRequest("t", @"\d{5}", Confidence: "Certain"), HttpStatusCode.BadRequest, ErrorCodes.Dlp.InvalidValue },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task InvalidDefinitions_AreRefusedWithTheirCode_AndNothingIsStored(string path, object body, HttpStatusCode status, string code)
    {
        await using var admin = await DlpAdmin.SignInAsync(server);
        var before = await admin.Http.GetStringAsync("/api/admin/dlp/policies") + await admin.Http.GetStringAsync("/api/admin/dlp/sensitive-types");
        using var refused = await admin.Http.PostAsync(path, JsonContent.Create(body, body.GetType()));
        await AssertRefusedAsync(refused, status, code);
        Assert.Equal(before, await admin.Http.GetStringAsync("/api/admin/dlp/policies") + await admin.Http.GetStringAsync("/api/admin/dlp/sensitive-types"));
    }

    [Theory]
    [InlineData("No such type", null, null, null, ErrorCodes.Dlp.UnknownType)]
    [InlineData("Credit Card Number", 0, null, null, ErrorCodes.Dlp.InvalidThreshold)]
    [InlineData("Credit Card Number", 501, null, null, ErrorCodes.Dlp.InvalidThreshold)]
    [InlineData("Credit Card Number", 1, "Sure", null, ErrorCodes.Dlp.InvalidValue)]
    [InlineData("Credit Card Number", 1, null, "Everywhere", ErrorCodes.Dlp.InvalidValue)]
    public async Task InvalidRules_AreRefused_AndThePolicyKeepsNoRule(string type, int? count, string? confidence, string? scope, string code)
    {
        await using var admin = await DlpAdmin.SignInAsync(server);
        var policy = await admin.PolicyAsync("Enable", DlpAdmin.Rule("Credit Card Number"));
        using var refused = await admin.Http.PostAsJsonAsync("/api/admin/dlp/rules", new NewDlpRuleRequest(
            TestHost.UniqueName("rule"), policy, [new SensitiveInformationCondition(type, count, confidence)], scope));
        await AssertRefusedAsync(refused, HttpStatusCode.BadRequest, code);
        Assert.Single((await admin.Http.GetFromJsonAsync<DlpPolicyView>($"/api/admin/dlp/policies/{policy}"))!.Rules);
    }

    [Fact]
    public async Task Duplicates_AreConflicts_WithoutRegardToCase()
    {
        await using var admin = await DlpAdmin.SignInAsync(server);
        var policy = await admin.PolicyAsync("Enable", DlpAdmin.Rule("Credit Card Number"));
        using var again = await admin.Http.PostAsJsonAsync("/api/admin/dlp/policies", new NewDlpPolicyRequest(policy.ToUpperInvariant()));
        await AssertRefusedAsync(again, HttpStatusCode.Conflict, ErrorCodes.Dlp.Exists);
        using var rule = await admin.Http.PostAsJsonAsync("/api/admin/dlp/rules", DlpAdmin.Rule("IBAN") with { Name = policy + " RULE", Policy = policy });
        await AssertRefusedAsync(rule, HttpStatusCode.Conflict, ErrorCodes.Dlp.Exists);
    }

    [Fact]
    public async Task Classify_NamesTheTypes_WithMaskedExcerpts_AndStoresNothing()
    {
        await using var admin = await DlpAdmin.SignInAsync(server);
        using var answer = await admin.Http.PostAsJsonAsync("/api/admin/dlp/classify",
            new ClassifyTextRequest("Visa 4111-1111-1111-1111 and IBAN GB82 WEST 1234 5698 7654 32"));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await answer.Content.ReadAsStringAsync();
        var result = System.Text.Json.JsonSerializer.Deserialize<DataClassificationResult>(body, System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.Equal(["Credit Card Number", "International Banking Account Number (IBAN)"], result.Types.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.DoesNotContain("1111-1111-1111", body, StringComparison.Ordinal);
        Assert.DoesNotContain("5698 7654", body, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("4111-1111", StringComparison.Ordinal));
    }
}
