using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;
using Conclave.Server.Tests.Sessions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;

namespace Conclave.Server.Tests.Account;

/// <summary>
/// "Devices": where an account is signed in (/api/account/sessions and the admin equivalent), and how
/// revoking one place ends its tokens and connections while the others go on.
/// </summary>
public sealed class SessionListTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = "member-password-123";
    private const string RedirectUri = "https://127.0.0.1:8443/app/callback";

    [Fact]
    public async Task TwoSignIns_AreListed_AndEachMarksItselfAsThisDevice()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("devices"), Password);
        var laptop = await SignInAsync(upn);
        var phone = await SignInAsync(upn);

        var fromLaptop = await ListAsync(laptop.AccessToken);
        var fromPhone = await ListAsync(phone.AccessToken);

        Assert.Equal(2, fromLaptop.Count);
        var laptopSession = Assert.Single(fromLaptop, s => s.GetProperty("current").GetBoolean());
        var phoneSession = Assert.Single(fromPhone, s => s.GetProperty("current").GetBoolean());
        Assert.NotEqual(Id(laptopSession), Id(phoneSession));
        Assert.Equal(
            fromLaptop.Select(Id).Order(StringComparer.Ordinal),
            fromPhone.Select(Id).Order(StringComparer.Ordinal));
        Assert.All(fromLaptop, s =>
        {
            Assert.Equal("conclave-cli", s.GetProperty("clientId").GetString());
            Assert.Equal("password", s.GetProperty("signInMethod").GetString());
            Assert.Equal("127.0.0.1", s.GetProperty("signInAddress").GetString());
            Assert.True(s.GetProperty("startedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        });
    }

    [Fact]
    public async Task RevokingOneSession_StopsItsAccessAndRefreshTokens_WhileTheOtherGoesOn()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("revoke"), Password);
        var kept = await SignInAsync(upn);
        var lost = await SignInAsync(upn);
        var lostId = Id(Assert.Single(await ListAsync(lost.AccessToken), s => s.GetProperty("current").GetBoolean()));

        using var api = server.CreateClient(kept.AccessToken);
        using (var revoked = await api.DeleteAsync($"/api/account/sessions/{lostId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        using var lostApi = server.CreateClient(lost.AccessToken);
        using var refused = await lostApi.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("auth.unauthenticated", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var refresh = await server.RefreshAsync(lost.RefreshToken!);
        Assert.False(refresh.Succeeded, refresh.ToString());
        Assert.Equal("invalid_grant", refresh.Error);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);
        var refreshed = await server.RefreshAsync(kept.RefreshToken!);
        Assert.True(refreshed.Succeeded, refreshed.ToString());
        var left = await ListAsync(refreshed.AccessToken);
        Assert.DoesNotContain(left, s => Id(s) == lostId);
        Assert.True(Assert.Single(left).GetProperty("current").GetBoolean(), "a refreshed token stays in its session");
    }

    [Fact]
    public async Task RevokedSession_ItsOpenHubConnectionIsClosed_TheOtherSessionsStaysOpen()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("hubrevoke"), Password);
        var kept = await SignInAsync(upn);
        var lost = await SignInAsync(upn);
        var lostId = Id(Assert.Single(await ListAsync(lost.AccessToken), s => s.GetProperty("current").GetBoolean()));
        await using var lostHub = HubClients.Build(server, lost.AccessToken);
        await using var keptHub = HubClients.Build(server, kept.AccessToken);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lostHub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await lostHub.StartAsync();
        await keptHub.StartAsync();

        using var api = server.CreateClient(kept.AccessToken);
        using (var revoked = await api.DeleteAsync($"/api/account/sessions/{lostId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Connected, keptHub.State);
    }

    [Fact]
    public async Task SessionRevokedByAnotherNode_ItsOpenHubConnectionIsClosedBySweep()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("othernode"), Password);
        var lost = await SignInAsync(upn);
        var lostId = Id(Assert.Single(await ListAsync(lost.AccessToken)));
        await using var hub = HubClients.Build(server, lost.AccessToken);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();

        // Another node sharing the database revokes the authorization: nothing on this node is told.
        using (var scope = server.Services.CreateScope())
        {
            var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
            Assert.True(await authorizations.TryRevokeAsync((await authorizations.FindByIdAsync(lostId))!));
        }

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        using var api = server.CreateClient(lost.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task AnotherUsersSessionId_Is404_AndTheirSessionGoesOn()
    {
        var owner = await server.CreateUserAsync(ServerFixture.UniqueName("owner"), Password);
        var other = await server.CreateUserAsync(ServerFixture.UniqueName("other"), Password);
        var ownerSession = await SignInAsync(owner);
        var ownerId = Id(Assert.Single(await ListAsync(ownerSession.AccessToken)));

        using var api = server.CreateClient((await SignInAsync(other)).AccessToken);
        using var refused = await api.DeleteAsync($"/api/account/sessions/{ownerId}");

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("auth.session_not_found", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        using var unknown = await api.DeleteAsync("/api/account/sessions/no-such-session");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(ownerId, Id(Assert.Single(await ListAsync(ownerSession.AccessToken))));
    }

    [Fact]
    public async Task SignOutEverywhereElse_EndsTheOthers_AndKeepsThisOne()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("elsewhere"), Password);
        var here = await SignInAsync(upn);
        var there = await SignInAsync(upn);
        var yonder = await SignInAsync(upn);

        using var api = server.CreateClient(here.AccessToken);
        using var answer = await api.DeleteAsync("/api/account/sessions");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(2, (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revoked").GetInt32());
        Assert.True(Assert.Single(await ListAsync(here.AccessToken)).GetProperty("current").GetBoolean());
        foreach (var ended in new[] { there, yonder })
        {
            using var client = server.CreateClient(ended.AccessToken);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        }
    }

    [Fact]
    public async Task RevokedWebSession_EndsTheBrowsersSignInCookieToo()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("browser"), Password);
        using var browser = server.CreateClient(new CookieContainer());
        var (web, authorize) = await BrowserSignInAsync(browser, upn);
        var other = await SignInAsync(upn);
        var sessions = await ListAsync(other.AccessToken);
        var webSession = Assert.Single(sessions, s => s.GetProperty("clientId").GetString() == "conclave-web");
        Assert.Equal("browser", webSession.GetProperty("signInMethod").GetString());

        // A second tab of the same browser gets its code from the same cookie: the same session.
        var (secondTab, _) = await RedeemAsync(browser, authorize);
        Assert.Equal(2, (await ListAsync(other.AccessToken)).Count);

        using var api = server.CreateClient(other.AccessToken);
        using (var revoked = await api.DeleteAsync($"/api/account/sessions/{Id(webSession)}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        foreach (var tab in new[] { web, secondTab })
        {
            using var client = server.CreateClient(tab);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        }

        using var again = await browser.GetAsync(authorize.Url);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith("/account/login", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminRevokesAUsersSession_ItEnds_AndTheRevocationIsAudited()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("target"), Password);
        var session = await SignInAsync(upn);
        using var admin = server.CreateClient(await server.SignInAdminAsync());
        var listed = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/admin/users/{upn}/sessions");
        var id = Id(Assert.Single(listed!));
        Assert.False(listed![0].GetProperty("current").GetBoolean());

        using var revoked = await admin.DeleteAsync($"/api/admin/users/{upn}/sessions/{id}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using var client = server.CreateClient(session.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Empty((await admin.GetFromJsonAsync<List<JsonElement>>($"/api/admin/users/{upn}/sessions"))!);
        var record = Assert.Single(
            (await server.AuditAsync("action=admin.user.session.revoke&take=100")).EnumerateArray(),
            r => r.GetProperty("target").GetString() == upn);
        Assert.Equal(TestHostAdmin, record.GetProperty("actorUpn").GetString());
        Assert.Contains(id, record.GetProperty("details").GetRawText(), StringComparison.Ordinal);
        using var again = await admin.DeleteAsync($"/api/admin/users/{upn}/sessions/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task TeamsAdministrator_CannotRevokeAGlobalAdministratorsSession()
    {
        await server.SignInAdminAsync();
        var tadmin = await server.CreateUserAsync(ServerFixture.UniqueName("tadmin"), Password, "TeamsAdministrator");
        var (secret, _) = await server.EnrollMfaAsync(tadmin, Password);
        using var api = server.CreateClient(await server.SignInAsync(tadmin, Password, ServerFixture.Totp(secret)));
        var globalSessions = await api.GetFromJsonAsync<List<JsonElement>>($"/api/admin/users/{ServerFixture.AdminUpn}/sessions");
        Assert.NotEmpty(globalSessions!);
        var id = Id(globalSessions![0]);

        using var refused = await api.DeleteAsync($"/api/admin/users/{ServerFixture.AdminUpn}/sessions/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var admin = server.CreateClient(await server.SignInAdminAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/me")).StatusCode);
        Assert.Contains(
            await admin.GetFromJsonAsync<List<JsonElement>>($"/api/admin/users/{ServerFixture.AdminUpn}/sessions") ?? [],
            s => Id(s) == id);
    }

    [Fact]
    public async Task Sessions_NeedASignedInPerson()
    {
        using var anonymous = server.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/account/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("/api/account/sessions")).StatusCode);
    }

    private const string TestHostAdmin = ServerFixture.AdminUpn;

    private static string Id(JsonElement session) => session.GetProperty("id").GetString()!;

    private async Task<TokenResponseOf> SignInAsync(string upn)
    {
        var token = await server.PasswordGrantAsync(upn, Password);
        Assert.True(token.Succeeded, token.ToString());
        return new(token.AccessToken, token.RefreshToken);
    }

    private async Task<List<JsonElement>> ListAsync(string accessToken)
    {
        using var api = server.CreateClient(accessToken);
        return (await api.GetFromJsonAsync<List<JsonElement>>("/api/account/sessions"))!;
    }

    /// <summary>Signs a cookie browser in through the sign-in page and redeems its first code, as the web app does.</summary>
    private async Task<(string AccessToken, Authorize Authorize)> BrowserSignInAsync(HttpClient browser, string upn)
    {
        var authorize = Authorize.Create();
        using var toLogin = await browser.GetAsync(authorize.Url);
        var login = toLogin.Headers.Location!.OriginalString;
        var returnUrl = QueryHelpers.ParseQuery(new Uri(server.BaseAddress, login).Query)["returnUrl"].ToString();
        using var signedIn = await server.BrowserSignInAsync(browser, returnUrl, upn, Password, null);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var (token, _) = await RedeemAsync(browser, authorize);
        return (token, authorize);
    }

    /// <summary>One tab's code from the browser's cookie, redeemed.</summary>
    private async Task<(string AccessToken, Authorize Authorize)> RedeemAsync(HttpClient browser, Authorize authorize)
    {
        using var toApp = await browser.GetAsync(authorize.Url);
        Assert.Equal(HttpStatusCode.Redirect, toApp.StatusCode);
        var code = QueryHelpers.ParseQuery(toApp.Headers.Location!.Query)["code"].ToString();
        var token = await server.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "conclave-web",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = authorize.Verifier,
        });
        Assert.True(token.Succeeded, token.ToString());
        return (token.AccessToken, authorize);
    }

    private sealed record TokenResponseOf(string AccessToken, string? RefreshToken);

    private sealed record Authorize(string Url, string Verifier)
    {
        public static Authorize Create()
        {
            var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            return new(
                QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
                {
                    ["client_id"] = "conclave-web",
                    ["response_type"] = "code",
                    ["redirect_uri"] = RedirectUri,
                    ["scope"] = "openid profile offline_access api",
                    ["state"] = "state-123",
                    ["code_challenge"] = challenge,
                    ["code_challenge_method"] = "S256",
                }),
                verifier);
        }
    }
}
