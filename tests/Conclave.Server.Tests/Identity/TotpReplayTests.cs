using System.Net;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Identity;

/// <summary>RFC 6238 §5.2: a TOTP code accepted once is never accepted again, on any sign-in path.</summary>
public abstract class TotpReplayTests(ServerFixture server)
{
    private const string Password = "member-password-123";

    [Fact]
    public async Task PasswordGrant_ReplayedCode_IsRejected()
    {
        var (upn, secret) = await EnrolledMemberAsync();
        var code = TotpCodes.Next(secret);

        Assert.True((await server.PasswordGrantAsync(upn, Password, code)).Succeeded);
        var replay = await server.PasswordGrantAsync(upn, Password, code);

        Assert.False(replay.Succeeded);
        Assert.Equal("auth.mfa_invalid", replay.ConclaveCode);
    }

    [Fact]
    public async Task LoginPage_ReplayedCode_IsRejected()
    {
        var (upn, secret) = await EnrolledMemberAsync();
        var code = TotpCodes.Next(secret);

        using var first = server.CreateClient(new CookieContainer());
        using var accepted = await server.BrowserSignInAsync(first, "/", upn, Password, code);
        using var second = server.CreateClient(new CookieContainer());
        using var replay = await server.BrowserSignInAsync(second, "/", upn, Password, code);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Null(replay.Headers.Location);
    }

    [Fact]
    public async Task ConfirmationCode_IsNotAcceptedAgainForSignIn()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("confirm"), Password);
        var secret = await StartEnrolmentAsync(upn);
        var code = TotpCodes.Next(secret);
        using var confirm = await server.PostJsonAsync("/api/account/mfa/confirm", new { upn, password = Password, code });
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);

        var replay = await server.PasswordGrantAsync(upn, Password, code);

        Assert.Equal("auth.mfa_invalid", replay.ConclaveCode);
    }

    [Fact]
    public async Task CodeUsedOnOnePath_IsRejectedOnTheOther()
    {
        var (upn, secret) = await EnrolledMemberAsync();
        var code = TotpCodes.Next(secret);
        Assert.True((await server.PasswordGrantAsync(upn, Password, code)).Succeeded);

        using var browser = server.CreateClient(new CookieContainer());
        using var replay = await server.BrowserSignInAsync(browser, "/", upn, Password, code);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
    }

    [Fact]
    public async Task ConcurrentSignIns_WithOneCode_OnlyOneSucceeds()
    {
        var (upn, secret) = await EnrolledMemberAsync();
        var code = TotpCodes.Next(secret);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => server.PasswordGrantAsync(upn, Password, code)));

        Assert.Equal(1, results.Count(r => r.Succeeded));
    }

    [Fact]
    public async Task EarlierCodeAfterLaterOne_IsRejected()
    {
        var (upn, secret) = await EnrolledMemberAsync();
        var step = (TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30) + 1;
        var later = CodeAt(secret, step);
        var earlier = CodeAt(secret, step - 1);
        Assert.True((await server.PasswordGrantAsync(upn, Password, later)).Succeeded);

        var refused = await server.PasswordGrantAsync(upn, Password, earlier);

        Assert.Equal("auth.mfa_invalid", refused.ConclaveCode);
    }

    [Fact]
    public async Task RecoveryCode_WorksOnce_AcrossPaths()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("recover"), Password);
        var (_, recovery) = await server.EnrollMfaAsync(upn, Password);
        Assert.True((await server.PasswordGrantAsync(upn, Password, recoveryCode: recovery[0])).Succeeded);

        var again = await server.PasswordGrantAsync(upn, Password, recoveryCode: recovery[0]);
        using var browser = server.CreateClient(new CookieContainer());
        using var page = await browser.GetAsync("/account/login");
        using var form = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFixture.AntiforgeryToken(await page.Content.ReadAsStringAsync()),
            ["upn"] = upn,
            ["password"] = Password,
            ["recovery_code"] = recovery[0],
        }));

        Assert.Equal("auth.mfa_invalid", again.ConclaveCode);
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.True((await server.PasswordGrantAsync(upn, Password, recoveryCode: recovery[1])).Succeeded);
    }

    private async Task<(string Upn, string Secret)> EnrolledMemberAsync()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("totp"), Password);
        var (secret, _) = await server.EnrollMfaAsync(upn, Password);
        return (upn, secret);
    }

    private async Task<string> StartEnrolmentAsync(string upn)
    {
        using var enroll = await server.PostJsonAsync("/api/account/mfa/enroll", new { upn, password = Password });
        Assert.Equal(HttpStatusCode.OK, enroll.StatusCode);
        var body = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(enroll.Content);
        return body.GetProperty("secret").GetString()!;
    }

    private static string CodeAt(string secret, long step) =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(secret)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
}

public sealed class SqliteTotpReplayTests(ServerFixture server) : TotpReplayTests(server), IClassFixture<ServerFixture>;

public sealed class PostgresTotpReplayTests(Policies.PostgresServerFixture server) : TotpReplayTests(server), IClassFixture<Policies.PostgresServerFixture>;
