using System.Net;
using Conclave.Contracts.Errors;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Identity;

/// <summary>
/// A first sign-in finished on the server's sign-in page (new password, then where required the
/// authenticator), and every way of cutting into its steps refused with a clear message and no change.
/// </summary>
public sealed class FirstSignInPageTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string NewPassword = "first-sign-in-password-123";
    private const string ReturnUrl = "/connect/verify";

    [Fact]
    public async Task NewUser_FinishesTheFirstSignInInTheBrowser_AndLandsOnTheReturnUrlSignedIn()
    {
        var (upn, oneTime) = await FirstSignInBrowser.CreateOneTimeUserAsync(server);
        using var browser = new FirstSignInBrowser(server);

        await browser.BeginAsync(upn, oneTime, ReturnUrl);
        Assert.False(await browser.IsSignedInAsync());
        var form = await browser.PageAsync();
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("name=\"newPassword\"", form.Html, StringComparison.Ordinal);
        var done = await browser.PostAsync(FirstSignInBrowser.PasswordPath, ("newPassword", NewPassword), ("confirmPassword", NewPassword));

        Assert.True(done.Status == HttpStatusCode.Redirect, done.ToString());
        Assert.Equal(ReturnUrl, done.Location);
        Assert.True(await browser.IsSignedInAsync());
        Assert.Null(browser.StepValue);
        Assert.True((await server.PasswordGrantAsync(upn, NewPassword)).Succeeded);
        Assert.Equal(ErrorCodes.Auth.InvalidCredentials, (await server.PasswordGrantAsync(upn, oneTime)).ConclaveCode);
        var audit = (await server.AuditAsync($"actor={Uri.EscapeDataString(upn)}&take=50")).EnumerateArray().ToList();
        Assert.Contains(audit, r => r.GetProperty("action").GetString() == "account.password.change");
        Assert.Contains(audit, r => r.GetProperty("action").GetString() == "signin"
            && string.Equals(r.GetProperty("outcome").GetString(), "success", StringComparison.OrdinalIgnoreCase)
            && r.GetProperty("details").TryGetProperty("firstSignIn", out _));
    }

    [Fact]
    public async Task AnAdministratorWithoutAnAuthenticator_EnrolsOneAtTheSignInPage_AndIsSignedInWithMfa()
    {
        const string Password = "known-admin-password-123";
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("enrol"), Password, "TeamsAdministrator");
        using var browser = new FirstSignInBrowser(server);
        await browser.BeginAsync(upn, Password, ReturnUrl);

        var start = await browser.PageAsync();
        Assert.Contains(FirstSignInBrowser.EnrolPath, start.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("newPassword", start.Html, StringComparison.Ordinal);
        var started = await browser.PostAsync(FirstSignInBrowser.EnrolPath);
        Assert.True(started.Status == HttpStatusCode.Redirect, started.ToString());
        var secret = (await browser.PageAsync()).AuthenticatorKey!;
        var done = await browser.PostAsync(FirstSignInBrowser.ConfirmPath, ("code", TestHost.Totp(secret)));

        Assert.True(done.Status == HttpStatusCode.OK, done.ToString());
        Assert.Equal(10, done.RecoveryCodes.Count);
        Assert.True(await browser.IsSignedInAsync());
        Assert.True((await server.PasswordGrantAsync(upn, Password, TestHost.Totp(secret))).Succeeded);
    }

    [Fact]
    public async Task SkippingToTheAuthenticatorSteps_IsRefused_AndChangesNothing()
    {
        var (upn, oneTime) = await FirstSignInBrowser.CreateOneTimeUserAsync(server, "TeamsAdministrator");
        using var browser = new FirstSignInBrowser(server);
        await browser.BeginAsync(upn, oneTime, ReturnUrl);

        var enrol = await browser.PostAsync(FirstSignInBrowser.EnrolPath);
        var confirm = await browser.PostAsync(FirstSignInBrowser.ConfirmPath, ("code", "123456"));

        foreach (var refused in new[] { enrol, confirm })
        {
            Assert.True(refused.Status == HttpStatusCode.BadRequest, refused.ToString());
            Assert.Equal(ErrorCodes.Auth.SignInStepInvalid, refused.Code);
            Assert.Contains("sign in again", refused.Alert, StringComparison.Ordinal);
        }

        Assert.False(await browser.IsSignedInAsync());
        Assert.Equal(ErrorCodes.Auth.PasswordChangeRequired, (await server.PasswordGrantAsync(upn, oneTime)).ConclaveCode);
        // The step the browser is at still stands: the refusals spent nothing.
        Assert.Contains("name=\"newPassword\"", (await browser.PageAsync()).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoStepAtAll_IsRefused()
    {
        using var browser = new FirstSignInBrowser(server);

        var page = await browser.PageAsync();
        var post = await browser.PostAsync(FirstSignInBrowser.PasswordPath, ("newPassword", NewPassword), ("confirmPassword", NewPassword));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(ErrorCodes.Auth.SignInStepInvalid, page.Code);
        Assert.Equal(HttpStatusCode.BadRequest, post.Status);
        Assert.Equal(ErrorCodes.Auth.SignInStepInvalid, post.Code);
    }

    [Fact]
    public async Task ReplayingTheStepAfterItWasDone_IsRefused_AndTheNewPasswordStays()
    {
        var (upn, oneTime) = await FirstSignInBrowser.CreateOneTimeUserAsync(server);
        using var browser = new FirstSignInBrowser(server);
        await browser.BeginAsync(upn, oneTime, ReturnUrl);
        var step = browser.StepValue!;
        var done = await browser.PostAsync(FirstSignInBrowser.PasswordPath, ("newPassword", NewPassword), ("confirmPassword", NewPassword));
        Assert.True(done.Status == HttpStatusCode.Redirect, done.ToString());

        const string Other = "another-password-456";
        var replay = await browser.PostWithStepAsync(FirstSignInBrowser.PasswordPath, step, ("newPassword", Other), ("confirmPassword", Other));

        Assert.True(replay.Status == HttpStatusCode.BadRequest, replay.ToString());
        Assert.Equal(ErrorCodes.Auth.SignInStepInvalid, replay.Code);
        Assert.True((await server.PasswordGrantAsync(upn, NewPassword)).Succeeded);
        Assert.Equal(ErrorCodes.Auth.InvalidCredentials, (await server.PasswordGrantAsync(upn, Other)).ConclaveCode);
    }

    [Fact]
    public async Task AStepOfAnotherUser_IsRefused_AndChangesNeitherAccount()
    {
        var (mine, myOneTime) = await FirstSignInBrowser.CreateOneTimeUserAsync(server);
        var (theirs, theirOneTime) = await FirstSignInBrowser.CreateOneTimeUserAsync(server);
        using var myBrowser = new FirstSignInBrowser(server);
        using var theirBrowser = new FirstSignInBrowser(server);
        await myBrowser.BeginAsync(mine, myOneTime, ReturnUrl);
        await theirBrowser.BeginAsync(theirs, theirOneTime, ReturnUrl);

        var taken = await myBrowser.PostWithStepAsync(
            FirstSignInBrowser.PasswordPath, theirBrowser.StepValue!, ("newPassword", NewPassword), ("confirmPassword", NewPassword));

        Assert.True(taken.Status == HttpStatusCode.BadRequest, taken.ToString());
        Assert.Equal(ErrorCodes.Auth.SignInStepInvalid, taken.Code);
        Assert.False(await myBrowser.IsSignedInAsync());
        Assert.Equal(ErrorCodes.Auth.PasswordChangeRequired, (await server.PasswordGrantAsync(theirs, theirOneTime)).ConclaveCode);
        Assert.Equal(ErrorCodes.Auth.PasswordChangeRequired, (await server.PasswordGrantAsync(mine, myOneTime)).ConclaveCode);
    }

    [Fact]
    public async Task ATamperedStep_IsRefused_AndChangesNothing()
    {
        var (upn, oneTime) = await FirstSignInBrowser.CreateOneTimeUserAsync(server);
        using var browser = new FirstSignInBrowser(server);
        await browser.BeginAsync(upn, oneTime, ReturnUrl);
        var step = browser.StepValue!;
        var middle = step.Length / 2;
        var tampered = step[..middle] + (step[middle] == 'A' ? 'B' : 'A') + step[(middle + 1)..];

        var refused = await browser.PostWithStepAsync(FirstSignInBrowser.PasswordPath, tampered, ("newPassword", NewPassword), ("confirmPassword", NewPassword));

        Assert.True(refused.Status == HttpStatusCode.BadRequest, refused.ToString());
        Assert.Equal(ErrorCodes.Auth.SignInStepInvalid, refused.Code);
        Assert.Equal(ErrorCodes.Auth.PasswordChangeRequired, (await server.PasswordGrantAsync(upn, oneTime)).ConclaveCode);
    }

    [Fact]
    public async Task AWeakOrMismatchedNewPassword_IsRefusedWithAClearMessage_AndChangesNothing()
    {
        var (upn, oneTime) = await FirstSignInBrowser.CreateOneTimeUserAsync(server);
        using var browser = new FirstSignInBrowser(server);
        await browser.BeginAsync(upn, oneTime, ReturnUrl);

        var weak = await browser.PostAsync(FirstSignInBrowser.PasswordPath, ("newPassword", "short"), ("confirmPassword", "short"));
        var mismatched = await browser.PostAsync(FirstSignInBrowser.PasswordPath, ("newPassword", NewPassword), ("confirmPassword", NewPassword + "x"));

        Assert.True(weak.Status == HttpStatusCode.BadRequest, weak.ToString());
        Assert.Equal(ErrorCodes.Auth.PasswordRejected, weak.Code);
        Assert.Contains("at least", weak.Alert, StringComparison.Ordinal);
        Assert.True(mismatched.Status == HttpStatusCode.BadRequest, mismatched.ToString());
        Assert.Equal(ErrorCodes.Auth.PasswordRejected, mismatched.Code);
        Assert.Contains("differ", mismatched.Alert, StringComparison.Ordinal);
        Assert.False(await browser.IsSignedInAsync());
        Assert.Equal(ErrorCodes.Auth.PasswordChangeRequired, (await server.PasswordGrantAsync(upn, oneTime)).ConclaveCode);
        Assert.Equal(ErrorCodes.Auth.InvalidCredentials, (await server.PasswordGrantAsync(upn, "short")).ConclaveCode);

        // The step stands after a refusal: the person tries again and finishes.
        var done = await browser.PostAsync(FirstSignInBrowser.PasswordPath, ("newPassword", NewPassword), ("confirmPassword", NewPassword));
        Assert.True(done.Status == HttpStatusCode.Redirect, done.ToString());
    }

    [Fact]
    public async Task ThePages_CarryAStrictContentSecurityPolicy_AndAreNeverCached()
    {
        var (upn, oneTime) = await FirstSignInBrowser.CreateOneTimeUserAsync(server);
        using var browser = new FirstSignInBrowser(server);
        await browser.BeginAsync(upn, oneTime, ReturnUrl);

        using var response = await browser.Client.GetAsync(FirstSignInBrowser.StepsPath);
        var html = await response.Content.ReadAsStringAsync();

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // The only hidden field is the anti-forgery token: the account travels in the protected step cookie alone.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "type=\"hidden\""));
    }
}
