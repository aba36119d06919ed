using Conclave.Server.Tests.Identity;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// A new user's first sign-in in Chromium, from the call page's Sign in button: the server's sign-in page takes
/// the one-time password, asks for a new one, and the page comes back signed in (authorization code + PKCE),
/// with no Content-Security-Policy violation on the way.
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
}
