using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;

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
}
