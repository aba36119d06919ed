using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Conclave.Cli.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed partial class DeviceCodeEndToEndTests(ConclaveServerFixture server)
{
    [Fact]
    public async Task DeviceCode_ApprovedOnTheVerifyPage_SignsTheCommandIn()
    {
        await server.BootstrapAdminAsync();
        var clock = new ClockDriver();
        using var cli = new CliHarness(clock);
        var stdout = new StringWriter();
        var stderr = new ObservableWriter();

        var login = cli.RunAsync(TextReader.Null, stdout, stderr, CancellationToken.None, "login", "--server", server.Url, "--profile", "device", "-o", "json");
        var shown = await stderr.WaitForAsync(s => UserCode().IsMatch(s), TimeSpan.FromSeconds(30));
        var userCode = UserCode().Match(shown).Groups[1].Value;
        await ApproveAsync(userCode);
        await clock.DriveAsync(login, maxDelays: 10);
        var exit = await login;

        Assert.True(exit == ExitCodes.Ok, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("/connect/verify", shown, StringComparison.Ordinal);
        Assert.Equal(ConclaveServerFixture.AdminUpn, JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("upn").GetString());
        var whoami = await cli.RunAsync("whoami", "--profile", "device");
        Assert.True(whoami.ExitCode == ExitCodes.Ok, whoami.ToString());
    }

    [Fact]
    public async Task DeviceCode_NewUserFinishesTheFirstSignInOnTheVerifyPage_SignsTheCommandIn()
    {
        using var admin = new CliHarness();
        var adminLogin = await server.SignInAdminAsync(admin);
        Assert.True(adminLogin.ExitCode == ExitCodes.Ok, adminLogin.ToString());
        var upn = $"{TestHost.UniqueName("newcomer")}@{ConclaveServerFixture.Domain}";
        var (_, created) = await ConclaveServerFixture.AdminJsonAsync(admin, "admin", "New-CsUser", "-UserPrincipalName", upn, "-DisplayName", "Newcomer");
        var oneTime = created.GetProperty("oneTimePassword").GetString()!;
        var clock = new ClockDriver();
        using var cli = new CliHarness(clock);
        var stdout = new StringWriter();
        var stderr = new ObservableWriter();

        // As the README writes it: login --server URL --user UPN (a device code, approved in the browser).
        var login = cli.RunAsync(TextReader.Null, stdout, stderr, CancellationToken.None, "login", "--server", server.Url, "--user", upn, "--profile", "newcomer", "-o", "json");
        var shown = await stderr.WaitForAsync(s => UserCode().IsMatch(s), TimeSpan.FromSeconds(30));
        var userCode = UserCode().Match(shown).Groups[1].Value;
        await FirstSignInAndApproveAsync(userCode, upn, oneTime, "newcomer-chosen-password");
        await clock.DriveAsync(login, maxDelays: 10);
        var exit = await login;

        Assert.True(exit == ExitCodes.Ok, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal(upn, JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("upn").GetString());
        var whoami = await cli.RunAsync("whoami", "--profile", "newcomer");
        Assert.True(whoami.ExitCode == ExitCodes.Ok, whoami.ToString());
        Assert.Contains(upn, whoami.Stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// What a new person does in the browser: sign in with the one-time password, which leads to the first
    /// sign-in's new-password step, then back to the verify page signed in, and approve the code.
    /// </summary>
    private async Task FirstSignInAndApproveAsync(string userCode, string upn, string oneTimePassword, string newPassword)
    {
        using var handler = BrowserHandler();
        using var browser = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        var verify = $"/connect/verify?user_code={Uri.EscapeDataString(userCode)}";

        var loginPage = await browser.GetStringAsync($"/account/login?returnUrl={Uri.EscapeDataString(verify)}");
        using var signIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(HiddenFields(loginPage).Concat(
        [
            new("upn", upn),
            new("password", oneTimePassword),
        ])));
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync());
        Assert.Equal("/account/first-sign-in", signIn.Headers.Location?.OriginalString);

        var passwordPage = await browser.GetStringAsync("/account/first-sign-in");
        Assert.Contains("name=\"newPassword\"", passwordPage, StringComparison.Ordinal);
        using var changed = await browser.PostAsync("/account/first-sign-in/password", new FormUrlEncodedContent(HiddenFields(passwordPage).Concat(
        [
            new("newPassword", newPassword),
            new("confirmPassword", newPassword),
        ])));
        Assert.True(changed.StatusCode == HttpStatusCode.Redirect, await changed.Content.ReadAsStringAsync());
        Assert.Equal(verify, changed.Headers.Location?.OriginalString);

        var verifyPage = await browser.GetStringAsync(verify);
        Assert.Contains(userCode, verifyPage, StringComparison.Ordinal);
        using var approve = await browser.PostAsync("/connect/verify", new FormUrlEncodedContent(HiddenFields(verifyPage).Append(new("user_code", userCode)).Append(new("decision", "approve"))));
        Assert.True(approve.StatusCode == HttpStatusCode.Redirect, await approve.Content.ReadAsStringAsync());
        Assert.Contains("status=approved", approve.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private SocketsHttpHandler BrowserHandler() => new()
    {
        AllowAutoRedirect = false,
        CookieContainer = new CookieContainer(),
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) == server.DisplayFingerprint.Replace(":", "", StringComparison.Ordinal) },
    };

    /// <summary>What a person does in the browser: sign in with password and TOTP (cookie), then approve the code.</summary>
    private async Task ApproveAsync(string userCode)
    {
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = cookies,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) == server.DisplayFingerprint.Replace(":", "", StringComparison.Ordinal) },
        };
        using var browser = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        var verify = $"/connect/verify?user_code={Uri.EscapeDataString(userCode)}";

        var loginPage = await browser.GetStringAsync($"/account/login?returnUrl={Uri.EscapeDataString(verify)}");
        using var signIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(HiddenFields(loginPage).Concat(
        [
            new("upn", ConclaveServerFixture.AdminUpn),
            new("password", ConclaveServerFixture.AdminPassword),
            new("totp", ConclaveServerFixture.Totp(server.AdminTotpSecret!)),
        ])));
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync());

        var verifyPage = await browser.GetStringAsync(verify);
        Assert.Contains(userCode, verifyPage, StringComparison.Ordinal);
        using var approve = await browser.PostAsync("/connect/verify", new FormUrlEncodedContent(HiddenFields(verifyPage).Append(new("user_code", userCode)).Append(new("decision", "approve"))));
        Assert.True(approve.StatusCode == HttpStatusCode.Redirect, await approve.Content.ReadAsStringAsync());
        Assert.Contains("status=approved", approve.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private static IEnumerable<KeyValuePair<string, string>> HiddenFields(string html) =>
        HiddenInput().Matches(html).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)));

    [GeneratedRegex("enter the code (\\S+)")]
    private static partial Regex UserCode();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();
}
