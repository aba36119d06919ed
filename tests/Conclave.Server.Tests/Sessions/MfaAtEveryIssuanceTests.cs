using System.Net;
using System.Security.Cryptography;
using System.Text;
using Conclave.Server.Tests.Fixtures;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace Conclave.Server.Tests.Sessions;

/// <summary>
/// Issue 9, defect 1: MFA is a rule of every token issuance, not of the password sign-in alone. A
/// session that signed in without a second factor cannot carry on (refresh token, browser session at
/// /connect/authorize) once an administrator role makes MFA required.
/// </summary>
public sealed class MfaAtEveryIssuanceTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = "member-password-123";
    private const string RedirectUri = "https://127.0.0.1:8443/app/callback";

    [Fact]
    public async Task Refresh_AfterAdminRoleGrantedToSessionWithoutMfa_IsRefusedWithStepUp()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("nomfa"), Password);
        var session = await server.PasswordGrantAsync(upn, Password);
        Assert.True(session.Succeeded, session.ToString());

        await GrantAsync(upn, "TeamsAdministrator");

        var refreshed = await server.RefreshAsync(session.RefreshToken!);
        Assert.False(refreshed.Succeeded, refreshed.ToString());
        Assert.Equal("invalid_grant", refreshed.Error);
        Assert.Equal("auth.step_up_required", refreshed.ConclaveCode);
    }

    [Fact]
    public async Task Refresh_AfterAdminRoleGrantedToSessionWithMfa_CarriesTheNewRole()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("withmfa"), Password);
        var (secret, _) = await server.EnrollMfaAsync(upn, Password);
        var session = await server.PasswordGrantAsync(upn, Password, ServerFixture.Totp(secret));
        Assert.True(session.Succeeded, session.ToString());

        await GrantAsync(upn, "TeamsAdministrator");

        var refreshed = await server.RefreshAsync(session.RefreshToken!);
        Assert.True(refreshed.Succeeded, refreshed.ToString());
        using var api = server.CreateClient(refreshed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Authorize_WithBrowserSessionWithoutMfa_AfterAdminRoleGranted_SendsToSignInAgain()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("webnomfa"), Password);
        using var browser = server.CreateClient(new CookieContainer());
        var (authorize, _) = AuthorizeRequest();
        using (var signedIn = await server.BrowserSignInAsync(browser, authorize, upn, Password, null))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        // The session works before the grant: a code is issued at once.
        using (var first = await browser.GetAsync(authorize))
        {
            Assert.StartsWith(RedirectUri, first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        await GrantAsync(upn, "TeamsAdministrator");

        using var second = await browser.GetAsync(AuthorizeRequest().Url);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.StartsWith("/account/login?returnUrl=", second.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizationCode_IssuedBeforeAdminRoleGrant_IsRefusedAtTheTokenEndpoint()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("codenomfa"), Password);
        using var browser = server.CreateClient(new CookieContainer());
        var (authorize, verifier) = AuthorizeRequest();
        using (var signedIn = await server.BrowserSignInAsync(browser, authorize, upn, Password, null))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        using var toApp = await browser.GetAsync(authorize);
        var code = QueryHelpers.ParseQuery(toApp.Headers.Location!.Query)["code"].ToString();
        Assert.False(string.IsNullOrEmpty(code));

        await GrantAsync(upn, "TeamsAdministrator");

        var token = await server.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "conclave-web",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
        });
        Assert.False(token.Succeeded, token.ToString());
        Assert.Equal("auth.step_up_required", token.ConclaveCode);
    }

    private async Task GrantAsync(string upn, string role)
    {
        using var granted = await server.PostJsonAsync("/api/admin/roles", new { user = upn, role }, await server.SignInAdminAsync());
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
    }

    private static (string Url, string Verifier) AuthorizeRequest()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var url = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "conclave-web",
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = "openid profile offline_access api",
            ["state"] = "s",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });
        return (url, verifier);
    }
}
