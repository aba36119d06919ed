namespace Conclave.Server.Tests.Web;

/// <summary>
/// The web app's screens in Chromium against the real server, as a person uses them: signed out and each
/// screen behind the sign-in, in both themes, at 1,440 px and at 360 px, checked by axe-core (no serious or
/// critical violation, WCAG 2.1 AA rules) with a screenshot of each into tests/e2e/screenshots/.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCallCollection.Name)]
public sealed class WebAppScreenTests(BrowserCallFixture fixture)
{
    private static readonly (string Name, string Path)[] Screens =
        [("home", "/"), ("calls", "/calls"), ("settings", "/settings"), ("profile", "/profile"), ("chat", "/chat")];
    private static readonly string[] Themes = ["light", "dark"];
    private static readonly int[] Widths = [1440, 360];

    [Fact]
    public async Task EveryScreen_InBothThemes_WideAndNarrow_HasNoSeriousAccessibilityViolation()
    {
        var upn = await fixture.CreateUserAsync("screens");
        await using var page = await CallPage.OpenAsync(fixture.Browser, "screens", fixture.PageAddress);
        var problems = new List<string>();
        await AuditAsync(page, "sign-in", problems);

        await page.SignInAsync(upn, BrowserCallFixture.Password);
        foreach (var (name, path) in Screens)
        {
            await page.GoToAsync(new Uri(fixture.BaseAddress, path));
            await AuditAsync(page, name, problems);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Profile_ShowsWhoIsSignedIn_AndChatShowsTheChatList()
    {
        var upn = await fixture.CreateUserAsync("profile");
        await using var page = await fixture.OpenSignedInAsync("profile", upn);

        await page.GoToAsync(new Uri(fixture.BaseAddress, "/profile"));
        Assert.Contains(upn, await page.TextAsync("main", upn), StringComparison.Ordinal);

        await page.GoToAsync(new Uri(fixture.BaseAddress, "/chat"));
        Assert.Contains("No chats yet", await page.TextAsync("main", "No chats yet"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallHistory_ShowsTheCalleeAMissedCall()
    {
        var callerUpn = await fixture.CreateUserAsync("history-caller");
        var calleeUpn = await fixture.CreateUserAsync("history-callee");
        await using var caller = await fixture.OpenSignedInAsync("history-caller", callerUpn);
        await using var callee = await fixture.OpenSignedInAsync("history-callee", calleeUpn);

        await caller.PlaceAsync(calleeUpn);
        await callee.WaitForAsync("incoming");
        await caller.HangUpAsync();
        await callee.WaitForAsync("ended");

        var history = await callee.TextAsync(".history", $"Missed call from {callerUpn}");
        Assert.Contains($"Missed call from {callerUpn}", history, StringComparison.Ordinal);
        await callee.GoToAsync(new Uri(fixture.BaseAddress, "/"));
        Assert.Contains($"Missed call from {callerUpn}", await callee.TextAsync("main", "Missed call from"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThemeToggle_OverridesTheSystemTheme_AndIsRemembered()
    {
        var upn = await fixture.CreateUserAsync("theme");
        await using var page = await fixture.OpenSignedInAsync("theme", upn);
        var light = await page.AuditAsync("light", 1440, "app-theme-system-light.png");
        Assert.Equal("light", (string?)light["theme"]);

        var toggled = await page.ToggleThemeAsync();
        Assert.Equal("dark", (string?)toggled["theme"]);

        await page.GoToAsync(new Uri(fixture.BaseAddress, "/settings"));
        var reloaded = await page.AuditAsync("light", 1440, "app-theme-chosen-dark.png");
        Assert.Equal("dark", (string?)reloaded["theme"]);
    }

    /// <summary>axe-core over the page in both themes at both widths; each problem (violation, wrong theme, sideways scroll) goes into <paramref name="problems"/>.</summary>
    internal static async Task AuditAsync(CallPage page, string name, List<string> problems)
    {
        foreach (var theme in Themes)
        {
            foreach (var width in Widths)
            {
                var reply = await page.AuditAsync(theme, width, $"app-{name}-{theme}-{width}.png");
                var where = $"{name} ({theme}, {width} px, {reply["url"]})";
                if ((string?)reply["theme"] != theme)
                {
                    problems.Add($"{where}: shows the {reply["theme"]} theme");
                }

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
