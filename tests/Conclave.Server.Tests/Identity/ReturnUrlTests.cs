using System.Net;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Identity;

/// <summary>After sign-in the page follows only local paths (no open redirect, no header injection).</summary>
public sealed class ReturnUrlTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = "member-password-123";
    private const string SignedInPage = "/account/login?signedIn=1";

    [Theory]
    [InlineData("/\t/evil.example/x")]
    [InlineData("/\n/evil.example/x")]
    [InlineData("/x\r\nLocation: https://evil.example/")]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example/x")]
    [InlineData("https://evil.example/x")]
    public async Task SignIn_WithHostileReturnUrl_LandsOnTheSignedInPage(string returnUrl)
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("ret"), Password);
        using var browser = server.CreateClient(new CookieContainer());

        using var signedIn = await server.BrowserSignInAsync(browser, returnUrl, upn, Password, null);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(SignedInPage, signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_WithLocalReturnUrl_FollowsIt()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("ret"), Password);
        using var browser = server.CreateClient(new CookieContainer());

        using var signedIn = await server.BrowserSignInAsync(browser, "/connect/verify?user_code=ABCD-EFGH", upn, Password, null);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/connect/verify?user_code=ABCD-EFGH", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignInPage_DoesNotCarryAHostileReturnUrl()
    {
        using var browser = server.CreateClient(new CookieContainer());

        using var page = await browser.GetAsync("/account/login?returnUrl=" + Uri.EscapeDataString("/\t/evil.example/x"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("evil.example", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
