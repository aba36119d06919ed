using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// The web app's admin center in Chromium against the real server: shown to administrators only, refused
/// by the server (not just hidden) to a member, and each task in the UI lands in the same /api/admin API
/// the cmdlets use, as the API then answers it.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCallCollection.Name)]
public sealed class AdminCenterBrowserTests(BrowserCallFixture fixture)
{
    [Fact]
    public async Task AdminCenter_IsInTheNavigationOfAnAdministratorOnly_AndTheServerRefusesAMember()
    {
        var memberUpn = await fixture.CreateUserAsync("not-admin");
        await using (var member = await fixture.OpenSignedInAsync("not-admin", memberUpn))
        {
            // The profile shows once /api/me answered: the navigation has its final entries by then.
            await member.GoToAsync(new Uri(fixture.BaseAddress, "/profile"));
            await member.TextAsync("main", memberUpn);
            Assert.DoesNotContain("Admin", await member.TextAsync("nav[aria-label=Main]"), StringComparison.Ordinal);

            await member.GoToAsync(new Uri(fixture.BaseAddress, "/admin/users"));
            var refusal = await member.TextAsync("main [role=alert]", "auth.forbidden");
            Assert.Contains("This needs", refusal, StringComparison.Ordinal);
            Assert.Contains("(auth.forbidden)", refusal, StringComparison.Ordinal);
            Assert.DoesNotContain(TestHost.AdminUpn, await member.TextAsync("main"), StringComparison.Ordinal);
        }

        using (var api = fixture.CreateClient(await fixture.SignInAsync(memberUpn, BrowserCallFixture.Password)))
        {
            using var refused = await api.GetAsync("/api/admin/users");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        await using var admin = await fixture.OpenAsAdministratorAsync("admin-nav");
        Assert.Contains("Admin", await admin.TextAsync("nav[aria-label=Main]", "Admin"), StringComparison.Ordinal);
        await admin.ClickAsync("nav[aria-label=Main] >> text=Admin");
        Assert.Contains(TestHost.AdminUpn, await admin.TextAsync("#user-table", TestHost.AdminUpn), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_CreatesAUser_WithAOneTimePassword_ThenDisablesIt_AndTheApiAgrees()
    {
        var upn = $"{TestHost.UniqueName("created-")}@{TestHost.Domain}";
        await using var page = await fixture.OpenAsAdministratorAsync("admin-users");
        await page.GoToAsync(new Uri(fixture.BaseAddress, "/admin/users/new"));
        await page.FillAsync("#new-upn", upn);
        await page.FillAsync("#new-displayName", "Created In The Browser");
        await page.SelectAsync("#new-kind", "Guest");
        await page.ClickAsync("#create-user");
        var oneTimePassword = (await page.TextAsync("#one-time-password")).Trim();
        Assert.False(string.IsNullOrEmpty(oneTimePassword));

        using var api = fixture.CreateClient(await fixture.SignInAdminAsync());
        var created = await api.GetFromJsonAsync<JsonElement>($"/api/admin/users/{Uri.EscapeDataString(upn)}");
        Assert.Equal("Created In The Browser", created.GetProperty("displayName").GetString());
        Assert.Equal("Guest", created.GetProperty("kind").GetString());
        Assert.True(created.GetProperty("enabled").GetBoolean());
        // The password the page showed is the account's one-time password: the person can replace it with it.
        await fixture.ChangePasswordAsync(upn, oneTimePassword, "browser-chosen-password-123");

        await page.ClickAsync("#created-user a");
        Assert.Equal(upn, await page.TextAsync("#user-upn", upn));
        await page.TextAsync("#user-state", "Enabled");
        await page.SetCheckedAsync("#edit-enabled", false);
        await page.ClickAsync("#save-user");
        await page.TextAsync("#user-status", "Saved.");
        Assert.Equal("Disabled", await page.TextAsync("#user-state", "Disabled"));

        var disabled = await api.GetFromJsonAsync<JsonElement>($"/api/admin/users/{Uri.EscapeDataString(upn)}");
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Administrator_CreatesAGroup_AddsAndRemovesAMember_AndTheApiAgrees()
    {
        var memberUpn = await fixture.CreateUserAsync("group-member");
        var name = TestHost.UniqueName("Browser group ");
        await using var page = await fixture.OpenAsAdministratorAsync("admin-groups");
        await page.GoToAsync(new Uri(fixture.BaseAddress, "/admin/groups"));
        await page.FillAsync("#new-group-name", name);
        await page.ClickAsync("#create-group");
        await page.TextAsync("#created-group", name);
        await page.ClickAsync("#created-group a");

        await page.FillAsync("#add-member", memberUpn);
        await page.ClickAsync("#add-member-button");
        await page.TextAsync("#group-status", $"Added {memberUpn}");
        using var api = fixture.CreateClient(await fixture.SignInAdminAsync());
        Assert.Equal([memberUpn], await MembersAsync(api, name));

        await page.ClickAsync($"#group-members button[aria-label='Remove {memberUpn} from {name}']");
        await page.TextAsync("#group-status", $"Removed {memberUpn}");
        Assert.Empty(await MembersAsync(api, name));
    }

    [Fact]
    public async Task Administrator_RegistersAnApp_WhoseSecretShownOnceWorks_ThenDisablesIt()
    {
        var name = TestHost.UniqueName("Browser app ");
        await using var page = await fixture.OpenAsAdministratorAsync("admin-apps");
        await page.GoToAsync(new Uri(fixture.BaseAddress, "/admin/apps"));
        await page.FillAsync("#new-app-name", name);
        await page.ClickAsync("#create-app");
        var secret = (await page.TextAsync("#app-secret")).Trim();
        var notice = await page.TextAsync(".once-secret", name);

        using var api = fixture.CreateClient(await fixture.SignInAdminAsync());
        var app = (await api.GetFromJsonAsync<JsonElement[]>("/api/admin/apps"))!.Single(a => a.GetProperty("displayName").GetString() == name);
        var clientId = app.GetProperty("clientId").GetString()!;
        Assert.Contains(clientId, notice, StringComparison.Ordinal);
        var token = await fixture.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = "api",
        });
        Assert.True(token.Succeeded, token.ToString());

        await page.ClickAsync($"button[aria-label='Disable {name}']");
        await page.TextAsync("#apps-status", "disabled");
        var disabled = await api.GetFromJsonAsync<JsonElement>($"/api/admin/apps/{clientId}");
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task AdminScreens_InBothThemes_WideAndNarrow_HaveNoSeriousAccessibilityViolation()
    {
        string adminId, groupId;
        using (var api = fixture.CreateClient(await fixture.SignInAdminAsync()))
        {
            adminId = (await api.GetFromJsonAsync<JsonElement>($"/api/admin/users/{Uri.EscapeDataString(TestHost.AdminUpn)}")).GetProperty("id").GetString()!;
            using var group = await api.PostAsJsonAsync("/api/admin/groups", new { name = TestHost.UniqueName("Audited group ") });
            Assert.Equal(HttpStatusCode.Created, group.StatusCode);
            groupId = (await group.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        await using var page = await fixture.OpenAsAdministratorAsync("admin-screens");
        var problems = new List<string>();
        (string Name, string Path)[] screens =
        [
            ("admin-users", "/admin/users"),
            ("admin-user-new", "/admin/users/new"),
            ("admin-user", $"/admin/users/{adminId}"),
            ("admin-groups", "/admin/groups"),
            ("admin-group", $"/admin/groups/{groupId}"),
            ("admin-apps", "/admin/apps"),
        ];
        foreach (var (name, path) in screens)
        {
            await page.GoToAsync(new Uri(fixture.BaseAddress, path));
            await page.TextAsync("main h2");
            await WebAppScreenTests.AuditAsync(page, name, problems);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }


    private static async Task<string[]> MembersAsync(HttpClient api, string group)
    {
        var view = await api.GetFromJsonAsync<JsonElement>($"/api/admin/groups/{Uri.EscapeDataString(group)}");
        return [.. view.GetProperty("members").EnumerateArray().Select(m => m.GetString()!)];
    }
}
