using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Contracts.Errors;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Identity;

/// <summary>
/// The bootstrap administrator's first sign-in in the browser, on a server of its own (the shared
/// fixtures change that password through the API): the one-time password, a new password, authenticator
/// enrolment from the key the page shows, the recovery codes once, and a session that performed MFA.
/// </summary>
public sealed class FirstSignInBootstrapTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string NewPassword = "bootstrap-admin-new-password";
    private const string ReturnUrl = "/connect/verify";

    [Fact]
    public async Task BootstrapAdministrator_ChangesPassword_EnrolsAnAuthenticator_AndGetsRecoveryCodesOnce()
    {
        using var browser = new FirstSignInBrowser(server);
        await browser.BeginAsync(TestHost.AdminUpn, server.BootstrapPassword, ReturnUrl);
        var passwordStep = browser.StepValue!;

        var toEnrolment = await browser.PostAsync(FirstSignInBrowser.PasswordPath, ("newPassword", NewPassword), ("confirmPassword", NewPassword));
        Assert.True(toEnrolment.Status == HttpStatusCode.Redirect, toEnrolment.ToString());
        Assert.Equal(FirstSignInBrowser.StepsPath, toEnrolment.Location);
        // An administrator's sign-in is not done before the authenticator: no session yet.
        Assert.False(await browser.IsSignedInAsync());
        var enrolment = await browser.PageAsync();
        Assert.True(enrolment.Status == HttpStatusCode.OK, enrolment.ToString());
        Assert.Contains("<svg", enrolment.Html, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(enrolment.AuthenticatorKey), enrolment.Html);
        var secret = enrolment.AuthenticatorKey!;

        // The password step is spent: taken again it is refused, and the password stays.
        var replayed = await browser.PostWithStepAsync(FirstSignInBrowser.PasswordPath, passwordStep, ("newPassword", "replayed-password-1"), ("confirmPassword", "replayed-password-1"));
        Assert.Equal(ErrorCodes.Auth.SignInStepInvalid, replayed.Code);

        var wrong = await browser.PostAsync(FirstSignInBrowser.ConfirmPath, ("code", TotpCodes.Wrong(secret)));
        Assert.True(wrong.Status == HttpStatusCode.BadRequest, wrong.ToString());
        Assert.Equal(ErrorCodes.Auth.MfaInvalid, wrong.Code);
        Assert.Equal(secret, wrong.AuthenticatorKey);
        Assert.False(await browser.IsSignedInAsync());
        var confirmStep = browser.StepValue!;

        var done = await browser.PostAsync(FirstSignInBrowser.ConfirmPath, ("code", TestHost.Totp(secret)));

        Assert.True(done.Status == HttpStatusCode.OK, done.ToString());
        Assert.Equal(10, done.RecoveryCodes.Count);
        Assert.Equal(ReturnUrl, done.ContinueTo);
        // The approval page takes an administrator's session only when it performed MFA (amr mfa).
        Assert.True(await browser.IsSignedInAsync());
        Assert.Null(browser.StepValue);
        var again = await browser.PostWithStepAsync(FirstSignInBrowser.ConfirmPath, confirmStep, ("code", "000000"));
        Assert.Equal(ErrorCodes.Auth.SignInStepInvalid, again.Code);
        Assert.DoesNotContain("recovery-code", again.Html, StringComparison.Ordinal);

        Assert.True((await server.PasswordGrantAsync(TestHost.AdminUpn, NewPassword, recoveryCode: done.RecoveryCodes[0])).Succeeded);
        var token = await server.PasswordGrantAsync(TestHost.AdminUpn, NewPassword, TestHost.Totp(secret));
        Assert.True(token.Succeeded, token.ToString());
        using var admin = server.CreateClient(token.AccessToken);
        var records = (await admin.GetFromJsonAsync<JsonElement>($"/api/admin/audit?actor={Uri.EscapeDataString(TestHost.AdminUpn)}&take=100"))
            .EnumerateArray().Select(r => (Action: r.GetProperty("action").GetString(), Outcome: r.GetProperty("outcome").GetString()!.ToLowerInvariant())).ToList();
        Assert.Contains(("account.password.change", "success"), records);
        Assert.Contains(("account.mfa.enroll", "success"), records);
        Assert.Contains(("account.mfa.confirm", "failure"), records);
        Assert.Contains(("account.mfa.confirm", "success"), records);
        Assert.Contains(("signin", "success"), records);
    }
}
