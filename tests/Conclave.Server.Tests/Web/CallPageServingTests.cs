using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Conclave.Server.Tests.Fixtures;
using Conclave.Server.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace Conclave.Server.Tests.Web;

/// <summary>The call page's files, their security headers, and its registration as a redirect URI of conclave-web.</summary>
[Trait("Category", "Browser")]
public sealed partial class CallPageServingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("/call/", "text/html")]
    [InlineData("/call/call.js", "text/javascript")]
    [InlineData("/call/call.css", "text/css")]
    [InlineData("/lib/signalr/signalr.min.js", "text/javascript")]
    public async Task PageFiles_AreServedWithoutSignIn_UnderAStrictContentSecurityPolicy(string path, string contentType)
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(contentType, response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains($"connect-src 'self' wss://{server.BaseAddress.Authority};", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Page_HasNoInlineScriptOrStyleOrHandler()
    {
        using var client = server.CreateClient();
        var html = await client.GetStringAsync("/call/");

        foreach (Match script in ScriptTag().Matches(html))
        {
            Assert.Contains(" src=", script.Value, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(InlineHandler(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CallWithoutSlash_RedirectsToThePage_KeepingTheQuery()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("/call?relay=1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/call/?relay=1", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Authorize_ForThePageOnTheBoundPort_GoesToTheSignInPage()
    {
        // The server listens on an ephemeral port: the page's redirect URI follows it.
        var redirect = new Uri(server.BaseAddress, "/call/").ToString();
        using var browser = server.CreateClient(new CookieContainer());
        using var response = await browser.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "conclave-web",
            ["response_type"] = "code",
            ["redirect_uri"] = redirect,
            ["scope"] = "openid profile offline_access api",
            ["state"] = "s",
            ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes("a-verifier-of-enough-length-for-rfc-7636-pkce"))),
            ["code_challenge_method"] = "S256",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login?returnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1:8443", "https://127.0.0.1:8443/call/|https://localhost:8443/call/")]
    [InlineData("https://0.0.0.0:9000", "https://127.0.0.1:9000/call/|https://localhost:9000/call/")]
    [InlineData("https://[::1]:8443", "https://127.0.0.1:8443/call/|https://localhost:8443/call/|https://[::1]:8443/call/")]
    [InlineData("https://192.0.2.7:443", "https://192.0.2.7:443/call/")]
    public void Redirects_FollowTheListeningAddresses(string listening, string expected)
    {
        Assert.Equal(expected.Split('|'), CallPageRedirects.For([new Uri(listening)], issuer: null));
    }

    [Fact]
    public void Redirects_IncludeTheConfiguredIssuer()
    {
        var uris = CallPageRedirects.For([new Uri("https://0.0.0.0:8443")], new Uri("https://conclave.example.org:8443/"));

        Assert.Contains("https://conclave.example.org:8443/call/", uris);
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
