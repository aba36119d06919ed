using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// The admin center's external access and guest access screens, and the kind of a user, in Chromium against the
/// real server: a change made in the page is what the API (the one the cmdlets use) answers afterwards. Each new
/// screen is checked by axe-core in both themes, wide and narrow, with screenshots in tests/e2e/screenshots/.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCallCollection.Name)]
public sealed class AdminTenantScreenTests(BrowserCallFixture fixture)
{
    private const string Federation = "TenantFederationConfiguration";
    private const string GuestCalling = "TeamsGuestCallingConfiguration";

    [Fact]
    public async Task Administrator_BlocksAndUnblocksADomain_InTheExternalAccessPage_AndTheApiAgrees()
    {
        var domain = $"blocked-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}.example";
        await using var page = await fixture.OpenAsAdministratorAsync("admin-external-access");
        var problems = new List<string>();
        await page.GoToAsync(Address("/admin/external-access"));
        await page.TextAsync($"[data-configuration={Federation}] form", "BlockedDomains");
        await WebAppScreenTests.AuditAsync(page, "admin-external-access", problems);

        // The page refuses what is not a domain name before anything is sent.
        await page.FillAsync($"#{Federation}-BlockedDomains-add", "not a domain");
        await page.ClickAsync($"#{Federation}-BlockedDomains-add-button");
        Assert.Contains("is not a domain name", await page.TextAsync($"#{Federation}-BlockedDomains-error", "not a domain name"), StringComparison.Ordinal);

        await page.FillAsync($"#{Federation}-BlockedDomains-add", domain.ToUpperInvariant());
        await page.ClickAsync($"#{Federation}-BlockedDomains-add-button");
        Assert.Contains(domain, await page.TextAsync($"#{Federation}-BlockedDomains-items", domain), StringComparison.Ordinal);
        await page.ClickAsync($"#save-{Federation}");
        Assert.Equal("Saved: BlockedDomains.", (await page.TextAsync($"#{Federation}-status", "Saved")).Trim());
        Assert.Contains(domain, await BlockedDomainsAsync());

        await page.ClickAsync($"button[aria-label='Remove {domain} from BlockedDomains']");
        await page.ClickAsync($"#save-{Federation}");
        await page.TextAsync($"#{Federation}-status", "Saved");
        Assert.DoesNotContain(domain, await BlockedDomainsAsync());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Administrator_TurnsOffGuestsPrivateCalling_InTheGuestAccessPage_AndTheApiAgrees()
    {
        await using var page = await fixture.OpenAsAdministratorAsync("admin-guest-access");
        var problems = new List<string>();
        await page.GoToAsync(Address("/admin/guest-access"));
        await page.TextAsync($"[data-configuration={GuestCalling}] form", "AllowPrivateCalling");
        // The guest switch and every guest configuration are on the one page.
        await page.TextAsync("[data-configuration=TeamsClientConfiguration] form", "AllowGuestUser");
        await page.TextAsync("[data-configuration=TeamsGuestMeetingConfiguration] form", "ScreenSharingMode");
        await WebAppScreenTests.AuditAsync(page, "admin-guest-access", problems);
        try
        {
            await page.SetCheckedAsync($"#{GuestCalling}-AllowPrivateCalling", false);
            await page.ClickAsync($"#save-{GuestCalling}");
            Assert.Equal("Saved: AllowPrivateCalling.", (await page.TextAsync($"#{GuestCalling}-status", "Saved")).Trim());
            using var admin = fixture.CreateClient(await fixture.SignInAdminAsync());
            var calling = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/policies/{GuestCalling}/Global");
            Assert.False(calling.GetProperty("parameters").GetProperty("AllowPrivateCalling").GetBoolean());
        }
        finally
        {
            // Tenant-wide: the other browser tests share this server.
            using var admin = fixture.CreateClient(await fixture.SignInAdminAsync());
            using var restored = await admin.PatchAsJsonAsync($"/api/admin/policies/{GuestCalling}/Global", new { parameters = new { AllowPrivateCalling = true } });
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Administrator_MakesAMemberAGuest_InTheUserPage_AndTheApiAgrees_ButNotAnAdministrator()
    {
        var upn = await fixture.CreateUserAsync("kind-member");
        using var admin = fixture.CreateClient(await fixture.SignInAdminAsync());
        var id = (await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users/{Uri.EscapeDataString(upn)}")).GetProperty("id").GetString()!;
        await using var page = await fixture.OpenAsAdministratorAsync("admin-user-kind");
        var problems = new List<string>();

        await page.GoToAsync(Address($"/admin/users/{id}"));
        Assert.Equal("Member", (await page.TextAsync("#user-kind", "Member")).Trim());
        await page.SelectAsync("#edit-kind", "Guest");
        Assert.Contains("ends their sessions", await page.TextAsync("#edit-kind-hint", "ends their sessions"), StringComparison.Ordinal);
        await WebAppScreenTests.AuditAsync(page, "admin-user-kind", problems);
        await page.ClickAsync("#save-user");
        await page.TextAsync("#user-status", "Saved.");
        Assert.Equal("Guest", (await page.TextAsync("#user-kind", "Guest")).Trim());
        var changed = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users/{Uri.EscapeDataString(upn)}");
        Assert.Equal("Guest", changed.GetProperty("kind").GetString());

        // An administrator keeps the Member kind while holding a role: the page says so and does not send it.
        var adminId = (await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users/{Uri.EscapeDataString(TestHost.AdminUpn)}")).GetProperty("id").GetString()!;
        await page.GoToAsync(Address($"/admin/users/{adminId}"));
        await page.TextAsync("#user-kind", "Member");
        await page.SelectAsync("#edit-kind", "Federated");
        Assert.Contains("Admin roles are for members", await page.TextAsync("#edit-kind-error", "Admin roles"), StringComparison.Ordinal);
        // The save button is disabled (a bounded wait for it; it fails if the button stays enabled).
        await page.TextAsync("#save-user:disabled");
        await WebAppScreenTests.AuditAsync(page, "admin-user-kind-refused", problems);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private Uri Address(string path) => new(fixture.BaseAddress, path);

    private async Task<string[]> BlockedDomainsAsync()
    {
        using var admin = fixture.CreateClient(await fixture.SignInAdminAsync());
        var federation = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/policies/{Federation}/Global");
        return [.. federation.GetProperty("parameters").GetProperty("BlockedDomains").EnumerateArray().Select(d => d.GetString()!)];
    }
}
