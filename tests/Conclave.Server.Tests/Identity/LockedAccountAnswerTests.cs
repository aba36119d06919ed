using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Identity;

/// <summary>
/// A locked account answers exactly as an unknown one on every path, so lockout does not tell which
/// accounts exist; the lockout itself still holds, and the audit log keeps the true reason.
/// </summary>
public sealed partial class LockedAccountAnswerTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = "member-password-123";

    [Fact]
    public async Task PasswordGrant_EveryFailureUpToAndAfterLockout_AnswersAsForAnUnknownAccount()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("enum"), Password);
        var unknown = await server.PasswordGrantAsync(Unknown(), "wrong-password");

        for (var i = 0; i < 7; i++)
        {
            AssertSameAnswer(unknown, await server.PasswordGrantAsync(upn, "wrong-password-" + i));
        }

        var right = await server.PasswordGrantAsync(upn, Password);
        AssertSameAnswer(unknown, right);
        var records = (await server.AuditAsync($"action=signin&actor={Uri.EscapeDataString(upn)}&take=20")).EnumerateArray().ToList();
        Assert.Contains(records, r => r.GetProperty("details").GetProperty("code").GetString() == "auth.locked_out");
    }

    [Fact]
    public async Task LoginPage_LockedAccount_AnswersAsForAnUnknownAccount()
    {
        var upn = await LockedAccountAsync();

        var (lockedStatus, lockedAlert) = await LoginPageAsync(upn, Password);
        var (unknownStatus, unknownAlert) = await LoginPageAsync(Unknown(), Password);

        Assert.Equal(unknownStatus, lockedStatus);
        Assert.Equal(unknownAlert, lockedAlert);
    }

    [Theory]
    [InlineData("/api/account/password")]
    [InlineData("/api/account/mfa/enroll")]
    [InlineData("/api/account/mfa/confirm")]
    public async Task AccountEndpoints_LockedAccount_AnswerAsForAnUnknownAccount(string path)
    {
        var upn = await LockedAccountAsync();

        var locked = await AccountAsync(path, upn);
        var unknown = await AccountAsync(path, Unknown());

        Assert.Equal(unknown, locked);
    }

    [Fact]
    public async Task WrongSecondFactors_UpToAndAfterLockout_NeverTellOfTheLockout()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("enum2"), Password);
        var (secret, _) = await server.EnrollMfaAsync(upn, Password);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("auth.mfa_invalid", (await server.PasswordGrantAsync(upn, Password, TotpCodes.Wrong(secret))).ConclaveCode);
        }

        var right = await server.PasswordGrantAsync(upn, Password, TotpCodes.Next(secret));
        AssertSameAnswer(await server.PasswordGrantAsync(Unknown(), Password), right);
    }

    private static void AssertSameAnswer(TokenResponse expected, TokenResponse actual)
    {
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.ConclaveCode, actual.ConclaveCode);
        Assert.Equal(expected.Body.GetProperty("error_description").GetString(), actual.Body.GetProperty("error_description").GetString());
    }

    private static string Unknown() => ServerFixture.UniqueName("nobody") + "@" + ServerFixture.Domain;

    private async Task<string> LockedAccountAsync()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("locked"), Password);
        for (var i = 0; i < 5; i++)
        {
            Assert.False((await server.PasswordGrantAsync(upn, "wrong-password-" + i)).Succeeded);
        }

        return upn;
    }

    private async Task<(HttpStatusCode Status, string Alert)> LoginPageAsync(string upn, string password)
    {
        using var browser = server.CreateClient(new CookieContainer());
        using var response = await server.BrowserSignInAsync(browser, "/", upn, password, null);
        var alert = Alert().Match(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, alert.Success ? alert.Groups[1].Value : "");
    }

    private async Task<(HttpStatusCode Status, string? Code)> AccountAsync(string path, string upn)
    {
        using var response = await server.PostJsonAsync(path, new { upn, password = Password, currentPassword = Password, newPassword = "another-long-password", code = "123456" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.TryGetProperty("code", out var code) ? code.GetString() : null);
    }

    [GeneratedRegex("<p role=\"alert\">([^<]*)</p>")]
    private static partial Regex Alert();
}
