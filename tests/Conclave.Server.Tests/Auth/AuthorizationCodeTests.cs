using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace Conclave.Server.Tests.Auth;

public sealed class AuthorizationCodeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string RedirectUri = "https://127.0.0.1:8443/app/callback";

    [Fact]
    public async Task AuthorizationCode_WithPkceThroughSignInPage_YieldsTokens()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("webuser"), "member-password-123");
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "conclave-web",
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = "openid profile offline_access api",
            ["state"] = "state-123",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });

        using var browser = server.CreateClient(new CookieContainer());
        using var toLogin = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var login = toLogin.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/login?returnUrl=", login, StringComparison.Ordinal);
        var returnUrl = QueryHelpers.ParseQuery(new Uri(server.BaseAddress, login).Query)["returnUrl"].ToString();

        using var signedIn = await server.BrowserSignInAsync(browser, returnUrl, upn, "member-password-123", null);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var toApp = await browser.GetAsync(signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, toApp.StatusCode);
        var callback = toApp.Headers.Location!;
        Assert.StartsWith(RedirectUri, callback.OriginalString, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("state-123", query["state"].ToString());

        var token = await server.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "conclave-web",
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
        });
        Assert.True(token.Succeeded, token.ToString());
        using var api = server.CreateClient(token.AccessToken);
        Assert.Equal(upn, (await api.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("upn").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("plain")]
    public async Task Authorize_WithoutS256Challenge_IsRefused(string? method)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = "conclave-web",
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = "openid api",
            ["state"] = "s",
        };
        if (method is not null)
        {
            parameters["code_challenge"] = "verifier-sent-in-plain-text-abcdefghijklmnopqrstuvwxyz";
            parameters["code_challenge_method"] = method;
        }

        using var browser = server.CreateClient(new CookieContainer());
        using var response = await browser.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", parameters));
        // Refused with invalid_request, never sent on to the sign-in page.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("invalid_request", body, StringComparison.Ordinal);
        Assert.Contains("code_challenge", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_UnregisteredRedirectUri_IsRefusedWithoutRedirect()
    {
        using var browser = server.CreateClient(new CookieContainer());
        using var response = await browser.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "conclave-web",
            ["response_type"] = "code",
            ["redirect_uri"] = "https://evil.example/callback",
            ["scope"] = "openid",
            ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData("x"u8.ToArray())),
            ["code_challenge_method"] = "S256",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
