using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conclave.Contracts.Errors;
using Conclave.Server.Tests.Fixtures;
using Conclave.Server.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// The web app at <c>/</c> over HTTP: its index.html for <c>/</c> and every client-side route, never for the
/// server's own paths or a missing file; its hashed assets cached for good, index.html revalidated; the strict
/// Content-Security-Policy on all of it; the old call page's address redirected; its sign-in callback
/// registered as a redirect URI of conclave-web.
/// </summary>
public sealed partial class WebAppServingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>The element the app renders into: a response that has it is the app's index.html.</summary>
    private const string AppMarker = "<div id=\"root\"></div>";

    [Theory]
    [InlineData("/")]
    [InlineData("/calls")]
    [InlineData("/calls?relay=1")]
    [InlineData("/settings")]
    [InlineData("/profile/deeper/route")]
    [InlineData("/app/callback?code=x&state=y")]
    [InlineData("/admin/users/alice@contoso.example")]
    public async Task ClientRoutes_AreTheApp_RevalidatedUnderTheStrictPolicy(string path)
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(AppMarker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        AssertStrictPolicy(response);
    }

    [Theory]
    [InlineData("/api/nope")]
    [InlineData("/API/nope")]
    [InlineData("/connect/nope")]
    [InlineData("/hubs/nope")]
    [InlineData("/account/nope")]
    [InlineData("/openapi/nope")]
    [InlineData("/metrics/nope")]
    [InlineData("/healthz/nope")]
    [InlineData("/lib/nope")]
    [InlineData("/.well-known/nope")]
    [InlineData("/nope.js")]
    [InlineData("/assets/nope.css")]
    public async Task ServerPathsAndMissingFiles_AreNeverTheApp(string path)
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(AppMarker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiPath_IsStillAProblemDetails404()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("/api/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ErrorCodes.Request.NotFound, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task HashedAssets_AreImmutableForAYear_UnderTheStrictPolicy()
    {
        using var client = server.CreateClient();
        var html = await client.GetStringAsync("/");
        var assets = AssetReference().Matches(html).Select(m => m.Groups["path"].Value).Distinct().ToList();
        Assert.NotEmpty(assets);

        foreach (var asset in assets)
        {
            using var response = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            AssertStrictPolicy(response);
        }
    }

    [Fact]
    public async Task Index_HasNoInlineScriptOrStyleOrHandler()
    {
        using var client = server.CreateClient();
        var html = await client.GetStringAsync("/");

        var scripts = ScriptTag().Matches(html).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, script => Assert.Matches(ExternalScript(), script.Value));
        Assert.DoesNotMatch(InlineHandler(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Libraries_AreServedUnderTheStrictPolicy()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("/lib/signalr/signalr.min.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        AssertStrictPolicy(response);
    }

    [Theory]
    [InlineData("/call?relay=1")]
    [InlineData("/call/?relay=1")]
    public async Task OldCallPage_RedirectsToTheCallsScreen_KeepingTheQuery(string path)
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/calls?relay=1", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Authorize_ForTheAppsCallbackOnTheBoundPort_GoesToTheSignInPage()
    {
        // The server listens on an ephemeral port: the app's redirect URI follows it.
        var redirect = new Uri(server.BaseAddress, AppRoutes.SignInCallback).ToString();
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
    [InlineData("https://127.0.0.1:8443", "https://127.0.0.1:8443/app/callback|https://localhost:8443/app/callback")]
    [InlineData("https://0.0.0.0:9000", "https://127.0.0.1:9000/app/callback|https://localhost:9000/app/callback")]
    [InlineData("https://[::1]:8443", "https://127.0.0.1:8443/app/callback|https://localhost:8443/app/callback|https://[::1]:8443/app/callback")]
    [InlineData("https://192.0.2.7:443", "https://192.0.2.7:443/app/callback")]
    public void Redirects_FollowTheListeningAddresses(string listening, string expected)
    {
        Assert.Equal(expected.Split('|'), WebAppRedirects.For([new Uri(listening)], issuer: null));
    }

    [Fact]
    public void Redirects_IncludeTheConfiguredIssuer()
    {
        var uris = WebAppRedirects.For([new Uri("https://0.0.0.0:8443")], new Uri("https://conclave.example.org:8443/"));

        Assert.Contains("https://conclave.example.org:8443/app/callback", uris);
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/calls", true)]
    [InlineData("/teams/general", true)]
    [InlineData("/api", false)]
    [InlineData("/apix", true)]
    [InlineData("/Connect/token", false)]
    [InlineData("/favicon.ico", false)]
    [InlineData("/assets/missing.js", false)]
    [InlineData("/robots.TXT", false)]
    [InlineData("/calls/v1.2", true)]
    [InlineData("/admin/users/alice@contoso.example", true)]
    public void ClientRoute_IsNeitherAServerPathNorAFile(string path, bool expected)
    {
        Assert.Equal(expected, AppRoutes.IsClientRoute(path));
    }

    private void AssertStrictPolicy(HttpResponseMessage response)
    {
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains($"connect-src 'self' wss://{server.BaseAddress.Authority};", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [GeneratedRegex(@"(?:src|href)=""(?<path>/assets/[^""]+)""")]
    private static partial Regex AssetReference();

    [GeneratedRegex("<script[^>]*>[^<]*</script>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"^<script\b[^>]*\ssrc=""/assets/[^""]+""[^>]*></script>$", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalScript();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
