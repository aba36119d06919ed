using System.Text.Json.Nodes;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// One browser page on the server's call page, as one person uses it: every action clicks what a person
/// clicks. Waits are bounded; a failed one throws with the page's connection, ICE and DTLS states, its
/// call log and its console, so a failure says where the call stopped.
/// </summary>
internal sealed class CallPage : IAsyncDisposable
{
    /// <summary>Generous for a busy 2-core machine, but bounded.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly CallPageDriver _driver;

    private CallPage(CallPageDriver driver, string name, JsonObject opened)
    {
        _driver = driver;
        Name = name;
        Opened = opened;
    }

    public string Name { get; }

    /// <summary>The reply to opening the page (its response headers among others).</summary>
    public JsonObject Opened { get; }

    public static async Task<CallPage> OpenAsync(CallPageDriver driver, string name, Uri address)
    {
        var opened = await driver.SendAsync(new JsonObject { ["op"] = "open", ["page"] = name, ["url"] = address.ToString() }, WaitLimit);
        var page = new CallPage(driver, name, opened);
        page.EnsureOk(opened, "open the call page");
        return page;
    }

    /// <summary>Signs in on the server's page: the password, then an authenticator code or a recovery code when the account has MFA.</summary>
    public Task<JsonObject> SignInAsync(string upn, string password, string? totp = null, string? recoveryCode = null) =>
        DoAsync(new JsonObject
        {
            ["op"] = "signIn",
            ["upn"] = upn,
            ["password"] = password,
            ["totp"] = totp,
            ["recoveryCode"] = recoveryCode,
            ["timeoutMs"] = (int)WaitLimit.TotalMilliseconds,
        }, $"sign in as {upn}");

    /// <summary>Types <paramref name="value"/> into the field matching <paramref name="selector"/> (replacing what it held).</summary>
    public Task<JsonObject> FillAsync(string selector, string value) =>
        DoAsync(new JsonObject { ["op"] = "fill", ["selector"] = selector, ["value"] = value }, $"fill {selector}");

    public Task<JsonObject> ClickAsync(string selector) => DoAsync(new JsonObject { ["op"] = "click", ["selector"] = selector }, $"click {selector}");

    /// <summary>Ticks or clears the checkbox matching <paramref name="selector"/>.</summary>
    public Task<JsonObject> SetCheckedAsync(string selector, bool on) =>
        DoAsync(new JsonObject { ["op"] = "check", ["selector"] = selector, ["on"] = on }, $"{(on ? "tick" : "clear")} {selector}");

    public Task<JsonObject> CheckAsync(string selector) => SetCheckedAsync(selector, true);

    public Task<JsonObject> SelectAsync(string selector, string value) =>
        DoAsync(new JsonObject { ["op"] = "select", ["selector"] = selector, ["value"] = value }, $"choose {value} in {selector}");

    /// <summary>A first sign-in through the sign-in page: the one-time password, a new one twice, back on the call page.</summary>
    public Task<JsonObject> FirstSignInAsync(string upn, string oneTimePassword, string newPassword, string? screenshot = null) =>
        DoAsync(new JsonObject
        {
            ["op"] = "firstSignIn",
            ["upn"] = upn,
            ["password"] = oneTimePassword,
            ["newPassword"] = newPassword,
            ["screenshot"] = screenshot is null ? null : Path.Combine(CallPageDriver.ScreenshotDirectory, screenshot),
            ["timeoutMs"] = (int)WaitLimit.TotalMilliseconds,
        }, $"finish the first sign-in of {upn}");

    public Task<JsonObject> PlaceAsync(string upn) => DoAsync(new JsonObject { ["op"] = "place", ["upn"] = upn }, $"call {upn}");

    public Task<JsonObject> AnswerAsync() => DoAsync(new JsonObject { ["op"] = "answer" }, "answer");

    public Task<JsonObject> DeclineAsync() => DoAsync(new JsonObject { ["op"] = "decline" }, "decline");

    public Task<JsonObject> HangUpAsync() => DoAsync(new JsonObject { ["op"] = "hangUp" }, "hang up");

    public Task<JsonObject> ShareScreenAsync() => DoAsync(new JsonObject { ["op"] = "share" }, "share the screen");

    public Task<JsonObject> SignOutAsync() => DoAsync(new JsonObject { ["op"] = "signOut" }, "sign out");

    public Task<JsonObject> SetE2eeAsync(bool on) => DoAsync(new JsonObject { ["op"] = "setE2ee", ["on"] = on }, $"turn E2EE {(on ? "on" : "off")}");

    /// <summary>Waits for a condition of call-page.mjs (incoming, connected, code, standard, media, audio, firstAudio, ended, sharing).</summary>
    public Task<JsonObject> WaitForAsync(string condition, TimeSpan? timeout = null) =>
        DoAsync(new JsonObject { ["op"] = "wait", ["for"] = condition, ["timeoutMs"] = (int)(timeout ?? WaitLimit).TotalMilliseconds }, $"wait for {condition}");

    /// <summary>Like <see cref="WaitForAsync"/>, but a timeout is an answer (<c>ok</c> false), not a failure.</summary>
    public async Task<(bool Met, JsonObject Reply)> TryWaitForAsync(string condition, TimeSpan timeout)
    {
        var reply = await _driver.SendAsync(
            new JsonObject { ["op"] = "wait", ["page"] = Name, ["for"] = condition, ["timeoutMs"] = (int)timeout.TotalMilliseconds },
            timeout + TimeSpan.FromSeconds(15));
        return (reply["ok"]?.GetValue<bool>() == true, reply);
    }

    /// <summary>The page's state and getStats summary, with a screenshot into tests/e2e/screenshots/ when named.</summary>
    public Task<JsonObject> SnapshotAsync(string? screenshot = null) =>
        DoAsync(new JsonObject
        {
            ["op"] = "snapshot",
            ["screenshot"] = screenshot is null ? null : Path.Combine(CallPageDriver.ScreenshotDirectory, screenshot),
        }, "snapshot");

    /// <summary>Loads another address of the app in this page (a full load: the sign-in stays in the tab's storage).</summary>
    public Task<JsonObject> GoToAsync(Uri address) => DoAsync(new JsonObject { ["op"] = "goto", ["url"] = address.ToString() }, $"go to {address}");

    /// <summary>
    /// axe-core over the page as shown in <paramref name="colorScheme"/> (light or dark) at <paramref name="width"/> px,
    /// with a screenshot into tests/e2e/screenshots/: the serious and critical violations, the theme shown, and
    /// whether the page fits the width.
    /// </summary>
    public Task<JsonObject> AuditAsync(string colorScheme, int width, string screenshot) =>
        DoAsync(new JsonObject
        {
            ["op"] = "audit",
            ["colorScheme"] = colorScheme,
            ["width"] = width,
            ["screenshot"] = Path.Combine(CallPageDriver.ScreenshotDirectory, screenshot),
        }, $"audit in {colorScheme} at {width} px");

    /// <summary>Clicks the theme toggle; the reply has the theme shown before and after.</summary>
    public Task<JsonObject> ToggleThemeAsync() => DoAsync(new JsonObject { ["op"] = "toggleTheme" }, "toggle the theme");

    /// <summary>The visible text of the first element matching <paramref name="selector"/>, waiting (bounded) until it contains <paramref name="contains"/>.</summary>
    public async Task<string> TextAsync(string selector, string? contains = null)
    {
        var reply = await DoAsync(new JsonObject { ["op"] = "text", ["selector"] = selector, ["contains"] = contains }, $"read {selector}");
        return (string?)reply["text"] ?? "";
    }

    /// <summary>How many elements match <paramref name="selector"/> now.</summary>
    public async Task<int> CountAsync(string selector)
    {
        var reply = await DoAsync(new JsonObject { ["op"] = "count", ["selector"] = selector }, $"count {selector}");
        return (int?)reply["count"] ?? 0;
    }

    /// <summary>Presses <paramref name="key"/> (a Playwright key name, e.g. Enter) in the element matching <paramref name="selector"/>.</summary>
    public Task<JsonObject> PressAsync(string selector, string key) =>
        DoAsync(new JsonObject { ["op"] = "press", ["selector"] = selector, ["key"] = key }, $"press {key} in {selector}");

    /// <summary>
    /// The visible text of every element matching <paramref name="selector"/>, once at least <paramref name="atLeast"/>
    /// match (bounded); the reply's <c>dialogs</c> are the dialogs the page opened.
    /// </summary>
    public async Task<(IReadOnlyList<string> Texts, IReadOnlyList<string> Dialogs)> TextsAsync(string selector, int atLeast = 0, TimeSpan? timeout = null)
    {
        var reply = await DoAsync(
            new JsonObject { ["op"] = "texts", ["selector"] = selector, ["atLeast"] = atLeast, ["timeoutMs"] = (timeout ?? WaitLimit).TotalMilliseconds },
            $"read {atLeast} or more of {selector}");
        static string[] Strings(JsonNode? array) => [.. array?.AsArray().Select(t => (string?)t ?? "") ?? []];
        return (Strings(reply["texts"]), Strings(reply["dialogs"]));
    }

    /// <summary>Takes the page's network away (<paramref name="offline"/> true) or gives it back.</summary>
    public Task<JsonObject> SetOfflineAsync(bool offline) =>
        DoAsync(new JsonObject { ["op"] = "offline", ["on"] = offline }, offline ? "go offline" : "come back online");

    /// <summary>The page's connection/ICE/DTLS states, call log and console, for assertion messages.</summary>
    public static string Describe(string name, JsonObject reply)
    {
        var stats = reply["stats"];
        var snapshot = reply["snapshot"];
        return $"""
            page {name} at {reply["url"]}: {reply["error"]}
              states: connection={stats?["connection"]} ice={stats?["ice"]} dtls={stats?["dtls"] ?? stats?["dtlsState"]} signaling={stats?["signaling"]} gathering={stats?["gathering"]}
              pair: {stats?["localCandidate"]} -> {stats?["remoteCandidate"]}
              call: {snapshot?["call"]?.ToJsonString()} indicator='{snapshot?["indicator"]}' code='{snapshot?["code"]}' status='{snapshot?["status"]}'
              stats: {stats?.ToJsonString()}
              log:
                {string.Join("\n    ", snapshot?["log"]?.AsArray().Select(l => (string?)l) ?? [])}
              console:
                {string.Join("\n    ", reply["console"]?.AsArray().Select(l => (string?)l) ?? [])}
            """;
    }

    public async ValueTask DisposeAsync() =>
        await _driver.SendAsync(new JsonObject { ["op"] = "close", ["page"] = Name }, WaitLimit);

    private async Task<JsonObject> DoAsync(JsonObject command, string what)
    {
        command["page"] = Name;
        var reply = await _driver.SendAsync(command, WaitLimit + TimeSpan.FromSeconds(15));
        EnsureOk(reply, what);
        return reply;
    }

    private void EnsureOk(JsonObject reply, string what)
    {
        if (reply["ok"]?.GetValue<bool>() != true)
        {
            Assert.Fail($"could not {what}.\n{Describe(Name, reply)}\ndriver log:\n{_driver.Diagnostics}");
        }
    }
}
