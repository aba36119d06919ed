using Conclave.Server.Tests.Identity;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// A new user's first sign-in in Chromium, from the call page's Sign in button: the server's sign-in page takes
/// the one-time password, asks for a new one, and the page comes back signed in (authorization code + PKCE),
/// with no Content-Security-Policy violation on the way; an administrator's first sign-in also enrols an
/// authenticator from the QR code's page and is shown its recovery codes once.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCallCollection.Name)]
public sealed class BrowserFirstSignInTests(BrowserCallFixture fixture)
{
    [Fact]
    public async Task NewUser_FinishesTheFirstSignInInTheBrowser_AndTheCallPageIsSignedIn()
    {
        var (upn, oneTime) = await FirstSignInBrowser.CreateOneTimeUserAsync(fixture);
        await using var page = await CallPage.OpenAsync(fixture.Browser, "first-sign-in", fixture.PageAddress);

        var signedIn = await page.FirstSignInAsync(upn, oneTime, "browser-first-password-1", screenshot: "first-sign-in-password.png");

        Assert.Equal(fixture.PageAddress.ToString(), (string?)signedIn["url"]);
        var console = signedIn["console"]?.AsArray().Select(l => (string?)l).ToList() ?? [];
        Assert.DoesNotContain(console, l => l?.Contains("Content Security Policy", StringComparison.Ordinal) == true);
        Assert.True((await fixture.PasswordGrantAsync(upn, "browser-first-password-1")).Succeeded);
    }

    [Fact]
    public async Task NewAdministrator_ChangesThePassword_EnrolsAnAuthenticator_SeesTheRecoveryCodes_AndIsSignedIn()
    {
        var (upn, oneTime) = await FirstSignInBrowser.CreateOneTimeUserAsync(fixture, "TeamsAdministrator");
        const string NewPassword = "browser-admin-password-1";
        await using var page = await CallPage.OpenAsync(fixture.Browser, "first-admin", fixture.PageAddress);
        var problems = new List<string>();

        await page.ClickAsync("#sign-in");
        await page.FillAsync("input[name=upn]", upn);
        await page.FillAsync("input[name=password]", oneTime);
        await page.ClickAsync("button[type=submit]");
        await page.FillAsync("input[name=newPassword]", NewPassword);
        await page.FillAsync("input[name=confirmPassword]", NewPassword);
        await page.ClickAsync("button[type=submit]");

        // The enrolment step: a QR code (an SVG drawn by the server: no script, no remote image) and its key as text.
        var secret = (await page.TextAsync("#authenticator-key")).Trim();
        Assert.Equal(1, await page.CountAsync("main svg[role=img]"));
        await WebAppScreenTests.AuditAsync(page, "first-sign-in-enrol", problems);
        await page.FillAsync("input[name=code]", TotpCodes.Next(secret));
        await page.ClickAsync("button[type=submit]");

        await page.TextAsync(".recovery-code");
        Assert.Equal(10, await page.CountAsync(".recovery-code"));
        await WebAppScreenTests.AuditAsync(page, "first-sign-in-recovery-codes", problems);
        await page.ClickAsync("#continue");
        var signedIn = await page.WaitForAsync("signedIn");

        Assert.Equal(fixture.PageAddress.ToString(), (string?)signedIn["url"]);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // The authenticator is the account's now: the API's sign-in wants its code, and takes it.
        Assert.Equal("auth.mfa_required", (await fixture.PasswordGrantAsync(upn, NewPassword)).ConclaveCode);
        Assert.True((await fixture.PasswordGrantAsync(upn, NewPassword, TotpCodes.Next(secret))).Succeeded);
    }
}
