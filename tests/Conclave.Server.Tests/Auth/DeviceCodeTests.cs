using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Tests.Auth;

public sealed class DeviceCodeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string DeviceGrant = "urn:ietf:params:oauth:grant-type:device_code";

    [Fact]
    public async Task DeviceCode_ApprovedOnVerificationPage_YieldsTokens()
    {
        var secret = await server.AdminTotpSecretAsync();
        using var device = server.CreateClient();
        using var authorization = await device.PostAsync("/connect/device", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "conclave-cli",
            ["scope"] = "openid profile offline_access api",
        }));
        Assert.Equal(HttpStatusCode.OK, authorization.StatusCode);
        var body = await authorization.Content.ReadFromJsonAsync<JsonElement>();
        var deviceCode = body.GetProperty("device_code").GetString()!;
        var userCode = body.GetProperty("user_code").GetString()!;
        Assert.EndsWith("/connect/verify", body.GetProperty("verification_uri").GetString(), StringComparison.Ordinal);

        var poll = new Dictionary<string, string> { ["grant_type"] = DeviceGrant, ["client_id"] = "conclave-cli", ["device_code"] = deviceCode };
        Assert.Equal("authorization_pending", (await server.TokenAsync(poll)).Error);

        // The person opens the verification page in a browser, signs in (password + TOTP) and approves.
        using var browser = server.CreateClient(new CookieContainer());
        var verifyUrl = $"/connect/verify?user_code={Uri.EscapeDataString(userCode)}";
        using var toLogin = await browser.GetAsync(verifyUrl);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.StartsWith("/account/login", toLogin.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var signedIn = await server.BrowserSignInAsync(browser, verifyUrl, ServerFixture.AdminUpn, ServerFixture.AdminNewPassword, ServerFixture.Totp(secret));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(verifyUrl, signedIn.Headers.Location!.OriginalString);

        using var page = await browser.GetAsync(verifyUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(userCode, html, StringComparison.Ordinal);
        using var approve = await browser.PostAsync("/connect/verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFixture.AntiforgeryToken(html),
            ["user_code"] = userCode,
            ["decision"] = "approve",
        }));
        Assert.True(approve.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"{approve.StatusCode}: {await approve.Content.ReadAsStringAsync()}");

        var token = await server.TokenAsync(poll);
        Assert.True(token.Succeeded, token.ToString());
        Assert.NotNull(token.RefreshToken);
        using var api = server.CreateClient(token.AccessToken);
        var me = await api.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(ServerFixture.AdminUpn, me.GetProperty("upn").GetString());

        // The device code is single use.
        Assert.False((await server.TokenAsync(poll)).Succeeded);
        var approval = (await server.AuditAsync("action=device.approve")).EnumerateArray().First();
        Assert.Equal(ServerFixture.AdminUpn, approval.GetProperty("actorUpn").GetString());
        Assert.Equal("conclave-cli", approval.GetProperty("details").GetProperty("client").GetString());
    }

    [Fact]
    public async Task VerificationPage_WithoutAntiforgeryToken_ApprovesNothing()
    {
        var secret = await server.AdminTotpSecretAsync();
        using var device = server.CreateClient();
        using var authorization = await device.PostAsync("/connect/device", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "conclave-cli",
            ["scope"] = "openid api",
        }));
        var body = await authorization.Content.ReadFromJsonAsync<JsonElement>();
        var userCode = body.GetProperty("user_code").GetString()!;
        using var browser = server.CreateClient(new CookieContainer());
        using var signedIn = await server.BrowserSignInAsync(browser, "/connect/verify", ServerFixture.AdminUpn, ServerFixture.AdminNewPassword, ServerFixture.Totp(secret));
        using var forged = await browser.PostAsync("/connect/verify", new FormUrlEncodedContent(new Dictionary<string, string> { ["user_code"] = userCode }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var poll = await server.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = DeviceGrant,
            ["client_id"] = "conclave-cli",
            ["device_code"] = body.GetProperty("device_code").GetString()!,
        });
        Assert.Equal("authorization_pending", poll.Error);
    }

    [Fact]
    public async Task VerificationPage_NamesTheClientTheSignedInPersonAndTheRequestingAddress()
    {
        var (_, userCode) = await StartAsync("conclave-cli");
        var (browser, upn) = await SignedInBrowserAsync();
        using var _ = browser;

        var html = await VerificationPageAsync(browser, userCode);

        Assert.Contains("Conclave command line", html, StringComparison.Ordinal);
        Assert.Contains(upn, html, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", html, StringComparison.Ordinal);
        Assert.Contains("value=\"deny\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"approve\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerificationPage_EncodesTheClientName()
    {
        const string ClientId = "device-hostile-name";
        await using (var scope = server.Server.App.Services.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            if (await applications.FindByClientIdAsync(ClientId) is null)
            {
                await applications.CreateAsync(new OpenIddictApplicationDescriptor
                {
                    ClientId = ClientId,
                    ClientType = ClientTypes.Public,
                    DisplayName = "<script>alert(1)</script> & \"Co\"",
                    Permissions = { Permissions.Endpoints.DeviceAuthorization, Permissions.Endpoints.Token, Permissions.GrantTypes.DeviceCode, Permissions.Prefixes.Scope + "api" },
                });
            }
        }

        var (_, userCode) = await StartAsync(ClientId, "api");
        var (browser, _) = await SignedInBrowserAsync();
        using var _ = browser;

        var html = await VerificationPageAsync(browser, userCode);

        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deny_RejectsTheCode_AndThePollingDeviceGetsAccessDenied()
    {
        var (deviceCode, userCode) = await StartAsync("conclave-cli");
        var (browser, _) = await SignedInBrowserAsync();
        using var _ = browser;
        var html = await VerificationPageAsync(browser, userCode);

        using var deny = await browser.PostAsync("/connect/verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFixture.AntiforgeryToken(html),
            ["user_code"] = userCode,
            ["decision"] = "deny",
        }));

        Assert.True(deny.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"{deny.StatusCode}: {await deny.Content.ReadAsStringAsync()}");
        var poll = await server.TokenAsync(new Dictionary<string, string> { ["grant_type"] = DeviceGrant, ["client_id"] = "conclave-cli", ["device_code"] = deviceCode });
        Assert.Equal("access_denied", poll.Error);

        // The denied code cannot be approved afterwards.
        using var approve = await browser.PostAsync("/connect/verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFixture.AntiforgeryToken(html),
            ["user_code"] = userCode,
            ["decision"] = "approve",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, approve.StatusCode);
        Assert.Equal("access_denied", (await server.TokenAsync(new Dictionary<string, string> { ["grant_type"] = DeviceGrant, ["client_id"] = "conclave-cli", ["device_code"] = deviceCode })).Error);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("deny")]
    public async Task UnknownCode_IsRefusedWithAnAnswer_NotAnError(string decision)
    {
        var (browser, _) = await SignedInBrowserAsync();
        using var _ = browser;
        using var page = await browser.GetAsync("/connect/verify?user_code=BCDF-GHJK");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        // A valid form token of this browser (the code entry form is a GET and needs none).
        using var form = await browser.GetAsync("/account/login");
        var html = await form.Content.ReadAsStringAsync();

        using var post = await browser.PostAsync("/connect/verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFixture.AntiforgeryToken(html),
            ["user_code"] = "BCDF-GHJK",
            ["decision"] = decision,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("not valid or has expired", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceCodeSignIn_IsTheDevicesSession_AndRevokingItLeavesTheApprovingBrowserSignedIn()
    {
        var (deviceCode, userCode) = await StartAsync("conclave-cli");
        var (browser, upn) = await SignedInBrowserAsync();
        using (browser)
        {
            var html = await VerificationPageAsync(browser, userCode);
            using var approve = await browser.PostAsync("/connect/verify", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = ServerFixture.AntiforgeryToken(html),
                ["user_code"] = userCode,
                ["decision"] = "approve",
            }));
            var token = await server.TokenAsync(new Dictionary<string, string> { ["grant_type"] = DeviceGrant, ["client_id"] = "conclave-cli", ["device_code"] = deviceCode });
            Assert.True(token.Succeeded, token.ToString());
            using var api = server.CreateClient(token.AccessToken);

            var session = Assert.Single((await api.GetFromJsonAsync<List<JsonElement>>("/api/account/sessions"))!);
            Assert.Equal("device_code", session.GetProperty("signInMethod").GetString());
            Assert.Equal("conclave-cli", session.GetProperty("clientId").GetString());
            Assert.Equal("127.0.0.1", session.GetProperty("signInAddress").GetString());
            Assert.True(session.GetProperty("current").GetBoolean());

            // Signed in with one approval, not born of the browser's sign-in: the browser stays signed in.
            using var revoked = await api.DeleteAsync($"/api/account/sessions/{session.GetProperty("id").GetString()}");
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
            var (_, nextCode) = await StartAsync("conclave-cli");
            Assert.Contains(upn, await VerificationPageAsync(browser, nextCode), StringComparison.Ordinal);
        }
    }

    private async Task<(string DeviceCode, string UserCode)> StartAsync(string clientId, string scope = "openid profile offline_access api")
    {
        using var device = server.CreateClient();
        using var authorization = await device.PostAsync("/connect/device", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["scope"] = scope,
        }));
        Assert.Equal(HttpStatusCode.OK, authorization.StatusCode);
        var body = await authorization.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("device_code").GetString()!, body.GetProperty("user_code").GetString()!);
    }

    /// <summary>A browser signed in as a new member (no second factor needed), and that member's UPN.</summary>
    private async Task<(HttpClient Browser, string Upn)> SignedInBrowserAsync()
    {
        const string Password = "member-password-123";
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("approver"), Password);
        var browser = server.CreateClient(new CookieContainer());
        using var signedIn = await server.BrowserSignInAsync(browser, "/connect/verify", upn, Password, null);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (browser, upn);
    }

    private static async Task<string> VerificationPageAsync(HttpClient browser, string userCode)
    {
        using var page = await browser.GetAsync($"/connect/verify?user_code={Uri.EscapeDataString(userCode)}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync();
    }
}
