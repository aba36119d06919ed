using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// Devices in Chromium against the real server: the person sees where they are signed in, this browser
/// marked, and signs another session out; an administrator does the same from the user's detail page.
/// Each time the session's token stops at the server, not just in the list.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCallCollection.Name)]
public sealed class DevicesBrowserTests(BrowserCallFixture fixture)
{
    [Fact]
    public async Task Person_SeesTwoSessions_RevokesTheOtherOne_AndTheListUpdates()
    {
        var upn = await fixture.CreateUserAsync("devices");
        var (cliToken, cliSession) = await CommandLineSessionAsync(upn);
        await using var page = await fixture.OpenSignedInAsync("devices", upn);

        await page.GoToAsync(new Uri(fixture.BaseAddress, "/profile"));
        var list = await page.TextAsync("#my-sessions-list", "Command line");
        Assert.Contains("Command line (conclave), signed in with a password", list, StringComparison.Ordinal);
        Assert.Contains("Web app, signed in through a browser", list, StringComparison.Ordinal);
        Assert.Contains("This device", await page.TextAsync("#my-sessions-list [aria-current=true]"), StringComparison.Ordinal);
        var problems = new List<string>();
        await WebAppScreenTests.AuditAsync(page, "devices", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        await page.ClickAsync($"#my-sessions-revoke-{cliSession}");
        await page.ClickAsync($"#my-sessions-revoke-{cliSession}-confirm");

        Assert.Contains("Signed out: Command line", await page.TextAsync("#my-sessions-notice", "Signed out"), StringComparison.Ordinal);
        var after = await page.TextAsync("#my-sessions-list");
        Assert.DoesNotContain("Command line", after, StringComparison.Ordinal);
        Assert.Contains("This device", after, StringComparison.Ordinal);
        using var cli = fixture.CreateClient(cliToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cli.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Administrator_RevokesAUsersSession_FromTheUserDetail()
    {
        var upn = await fixture.CreateUserAsync("devices-admin");
        var (cliToken, cliSession) = await CommandLineSessionAsync(upn);
        using var api = fixture.CreateClient(await fixture.SignInAdminAsync());
        var id = (await api.GetFromJsonAsync<JsonElement>($"/api/admin/users/{Uri.EscapeDataString(upn)}")).GetProperty("id").GetString();
        await using var page = await fixture.OpenAsAdministratorAsync("devices-admin");

        await page.GoToAsync(new Uri(fixture.BaseAddress, $"/admin/users/{id}"));
        Assert.Contains("Command line", await page.TextAsync("#user-sessions-list", "Command line"), StringComparison.Ordinal);
        var problems = new List<string>();
        await WebAppScreenTests.AuditAsync(page, "admin-user-sessions", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.ClickAsync($"#user-sessions-revoke-{cliSession}");
        await page.ClickAsync($"#user-sessions-revoke-{cliSession}-confirm");

        Assert.Contains("Signed out", await page.TextAsync("#user-sessions-notice", "Signed out"), StringComparison.Ordinal);
        Assert.Contains("No signed-in sessions", await page.TextAsync("#user-sessions-empty", "No signed-in sessions"), StringComparison.Ordinal);
        using var cli = fixture.CreateClient(cliToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cli.GetAsync("/api/me")).StatusCode);
    }

    /// <summary>A second place the person is signed in: the command line's password grant, and that session's id.</summary>
    private async Task<(string AccessToken, string Session)> CommandLineSessionAsync(string upn)
    {
        var token = await fixture.PasswordGrantAsync(upn, BrowserCallFixture.Password);
        Assert.True(token.Succeeded, token.ToString());
        using var cli = fixture.CreateClient(token.AccessToken);
        var sessions = await cli.GetFromJsonAsync<List<JsonElement>>("/api/account/sessions");
        var current = Assert.Single(sessions!, s => s.GetProperty("current").GetBoolean());
        return (token.AccessToken, current.GetProperty("id").GetString()!);
    }
}
