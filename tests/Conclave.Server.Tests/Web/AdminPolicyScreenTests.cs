using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Conclave.Contracts.Errors;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// The admin center's policy screens in Chromium against the real server, as an administrator uses them
/// (signed in with password and authenticator code): create a policy, assign it to a group with a rank, see
/// the effective source change for a member of that group, and find the change in the audit log. Each admin
/// screen is checked by axe-core in both themes, wide and narrow, with screenshots in tests/e2e/screenshots/.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCallCollection.Name)]
public sealed class AdminPolicyScreenTests(BrowserCallFixture fixture)
{
    private const string MeetingPolicy = "TeamsMeetingPolicy";
    private static readonly string[] Themes = ["light", "dark"];
    private static readonly int[] Widths = [1440, 360];

    [Fact]
    public async Task Administrator_CreatesAPolicy_AssignsItToAGroupWithARank_AndSeesTheMembersSourceAndTheAuditRecord()
    {
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var member = await fixture.CreateUserAsync("policy-member");
        var group = await CreateGroupWithAsync($"WebFinance{suffix}", member);
        var policyName = $"WebLobby{suffix}";
        await using var page = await fixture.OpenAsAdministratorAsync("admin-policies");
        var problems = new List<string>();

        // Before: nothing is assigned to the member for meetings, so the built-in policy applies.
        await page.GoToAsync(Address($"/admin/effective?user={Uri.EscapeDataString(member)}"));
        Assert.Equal("Global", await SourceAsync(page, "Global"));

        // Create: a select offers exactly the parameter's values; the checkbox is a Boolean.
        await page.GoToAsync(Address($"/admin/policies?type={MeetingPolicy}"));
        await page.ClickAsync("#new-policy");
        await AuditAsync(page, "admin-policies-new", problems);
        await page.FillAsync("#policy-identity", policyName);
        await page.SelectAsync("#param-AutoAdmittedUsers", "OrganizerOnly");
        await page.CheckAsync("#param-AllowTranscription");
        await page.ClickAsync("#save-policy");
        Assert.Contains($"Tag:{policyName} was created.", await page.TextAsync("#policy-status", "was created"), StringComparison.Ordinal);
        Assert.Contains($"Tag:{policyName}", await page.TextAsync("#policy-list", policyName), StringComparison.Ordinal);

        // Assign to the group at rank 1: the group assignments list shows it.
        await page.ClickAsync("#grant-target-group");
        await page.FillAsync("#grant-who", group);
        await page.FillAsync("#grant-rank", "1");
        await page.SelectAsync("#grant-policy", $"Tag:{policyName}");
        await page.ClickAsync("#grant");
        Assert.Contains($"Rank 1: {group} → Tag:{policyName}", await page.TextAsync("#group-assignments", group), StringComparison.Ordinal);
        await AuditAsync(page, "admin-policies", problems);

        // The member's effective meeting policy now comes from the group, with its rank.
        await page.GoToAsync(Address($"/admin/effective?user={Uri.EscapeDataString(member)}"));
        var expected = $"Group: {group} (rank 1): Tag:{policyName}";
        Assert.Equal(expected, await SourceAsync(page, expected));
        await AuditAsync(page, "admin-effective", problems);

        // The audit log shows the grant, filtered by operation and target.
        await page.GoToAsync(Address("/admin/audit"));
        await page.FillAsync("#audit-operation", "admin.policy.grant");
        await page.FillAsync("#audit-target", group);
        await page.ClickAsync("#audit-search");
        var records = await page.TextAsync("#audit-records", $"group:{group}");
        Assert.Contains($"{MeetingPolicy} group:{group}", records, StringComparison.Ordinal);
        Assert.Contains(TestHost.AdminUpn, records, StringComparison.Ordinal);
        await AuditAsync(page, "admin-audit", problems);

        // What the screens showed is what the server stored: the same API the cmdlets use.
        using var admin = fixture.CreateClient(await fixture.SignInAdminAsync());
        var effective = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/effective-policy/{Uri.EscapeDataString(member)}");
        var meeting = effective.EnumerateArray().Single(e => e.GetProperty("policyType").GetString() == MeetingPolicy);
        Assert.Equal(expected, meeting.GetProperty("source").GetString());
        Assert.Equal("OrganizerOnly", meeting.GetProperty("parameters").GetProperty("AutoAdmittedUsers").GetString());
        Assert.True(meeting.GetProperty("parameters").GetProperty("AllowTranscription").GetBoolean());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task PolicyForm_RefusesABadNameOnThePage_AndShowsTheServersRefusalOfADuplicate()
    {
        await using var page = await fixture.OpenAsAdministratorAsync("admin-policy-refusals");
        await page.GoToAsync(Address($"/admin/policies?type={MeetingPolicy}"));

        await page.ClickAsync("#new-policy");
        await page.FillAsync("#policy-identity", "has space");
        await page.ClickAsync("#save-policy");
        Assert.Contains("no spaces", await page.TextAsync("#policy-identity-error", "no spaces"), StringComparison.Ordinal);

        // A well-formed name that is taken passes the page's check; the server's refusal (409) is shown with its code.
        var name = $"WebDup{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        using var admin = fixture.CreateClient(await fixture.SignInAdminAsync());
        using var created = await admin.PostAsJsonAsync($"/api/admin/policies/{MeetingPolicy}", new { identity = name });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await page.FillAsync("#policy-identity", name);
        await page.ClickAsync("#save-policy");
        Assert.Contains($"({ErrorCodes.Policy.Exists})", await page.TextAsync(".policy-form [role=alert]", ErrorCodes.Policy.Exists), StringComparison.Ordinal);
    }

    private Uri Address(string path) => new(fixture.BaseAddress, path);


    private async Task<string> CreateGroupWithAsync(string name, string memberUpn)
    {
        using var admin = fixture.CreateClient(await fixture.SignInAdminAsync());
        using var created = await admin.PostAsJsonAsync("/api/admin/groups", new { name, mailNickname = name.ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var added = await admin.PostAsJsonAsync($"/api/admin/groups/{Uri.EscapeDataString(name)}/members", new { user = memberUpn });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        return name;
    }

    private static async Task<string> SourceAsync(CallPage page, string expected) =>
        (await page.TextAsync($"[data-policy-type='{MeetingPolicy}'] .source", expected)).Trim();

    private static async Task AuditAsync(CallPage page, string name, List<string> problems)
    {
        foreach (var theme in Themes)
        {
            foreach (var width in Widths)
            {
                var reply = await page.AuditAsync(theme, width, $"app-{name}-{theme}-{width}.png");
                var where = $"{name} ({theme}, {width} px, {reply["url"]})";
                if (reply["fits"]?.GetValue<bool>() != true)
                {
                    problems.Add($"{where}: wider than the window (scrolls sideways)");
                }

                foreach (var violation in reply["violations"]!.AsArray())
                {
                    problems.Add($"{where}: {violation!.ToJsonString()}");
                }
            }
        }
    }
}
