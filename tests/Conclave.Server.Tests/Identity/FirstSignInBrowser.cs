using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Conclave.Server.Tests.Identity;

/// <summary>
/// A browser (cookie jar, no automatic redirects) going through a first sign-in on the server's sign-in page,
/// as a person does: the one-time password at <c>/account/login</c>, then the forms of the steps, each posted
/// with the anti-forgery token the server hands this browser.
/// </summary>
internal sealed partial class FirstSignInBrowser : IDisposable
{
    public const string StepsPath = "/account/first-sign-in";
    public const string PasswordPath = StepsPath + "/password";
    public const string EnrolPath = StepsPath + "/authenticator";
    public const string ConfirmPath = StepsPath + "/authenticator/confirm";
    public const string StepCookie = "conclave.first-sign-in";

    private readonly TestHost _server;

    public FirstSignInBrowser(TestHost server)
    {
        _server = server;
        Client = server.CreateClient(Cookies);
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    /// <summary>The value of this browser's step cookie now, or null.</summary>
    public string? StepValue => Cookies.GetCookies(new Uri(_server.BaseAddress, StepsPath))[StepCookie]?.Value;

    /// <summary>Creates a user through the admin API without a password, so it gets a one-time password (as New-CsUser does).</summary>
    public static async Task<(string Upn, string OneTimePassword)> CreateOneTimeUserAsync(TestHost server, params string[] roles)
    {
        var admin = await server.SignInAdminAsync();
        var upn = $"{TestHost.UniqueName("first")}@{TestHost.Domain}";
        using var created = await server.PostJsonAsync("/api/admin/users", new { upn, displayName = "First Sign-in" }, admin);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var oneTime = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("oneTimePassword").GetString()!;
        foreach (var role in roles)
        {
            using var granted = await server.PostJsonAsync("/api/admin/roles", new { user = upn, role }, admin);
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        return (upn, oneTime);
    }

    /// <summary>The one-time password at the sign-in page: the answer is the way to the first sign-in's steps.</summary>
    public async Task BeginAsync(string upn, string password, string returnUrl)
    {
        using var response = await _server.BrowserSignInAsync(Client, returnUrl, upn, password, null);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        Assert.Equal(StepsPath, response.Headers.Location!.OriginalString);
        Assert.NotNull(StepValue);
    }

    /// <summary>The page of the step this browser is at.</summary>
    public async Task<Page> PageAsync()
    {
        using var response = await Client.GetAsync(StepsPath);
        return await Page.OfAsync(response);
    }

    /// <summary>Posts a step's form, with this browser's cookies and a fresh anti-forgery token of this browser.</summary>
    public async Task<Page> PostAsync(string path, params (string Name, string Value)[] fields)
    {
        using var response = await Client.PostAsync(path, await FormAsync(fields));
        return await Page.OfAsync(response);
    }

    /// <summary>As <see cref="PostAsync"/>, but with <paramref name="stepValue"/> as the step cookie in place of this browser's own.</summary>
    public async Task<Page> PostWithStepAsync(string path, string stepValue, params (string Name, string Value)[] fields)
    {
        var content = await FormAsync(fields);
        var cookies = Cookies.GetCookies(new Uri(_server.BaseAddress, path)).Where(c => c.Name != StepCookie).Select(c => $"{c.Name}={c.Value}")
            .Append($"{StepCookie}={stepValue}");
        using var raw = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("Cookie", string.Join("; ", cookies));
        using var response = await raw.SendAsync(request);
        return await Page.OfAsync(response);
    }

    /// <summary>Whether this browser holds a session the server accepts (the device approval page answers instead of sending it to sign in).</summary>
    public async Task<bool> IsSignedInAsync()
    {
        using var response = await Client.GetAsync("/connect/verify");
        return response.StatusCode == HttpStatusCode.OK;
    }

    public void Dispose() => Client.Dispose();

    private async Task<FormUrlEncodedContent> FormAsync((string Name, string Value)[] fields)
    {
        // The sign-in page hands out this browser's anti-forgery token, as every form of the steps does.
        var token = TestHost.AntiforgeryToken(await Client.GetStringAsync("/account/login"));
        return new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token)));
    }

    /// <summary>An answer of the pages: status, where it sends the browser, the HTML, and what the page shows.</summary>
    internal sealed partial record Page(HttpStatusCode Status, string? Location, string Html)
    {
        public static async Task<Page> OfAsync(HttpResponseMessage response) =>
            new(response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());

        /// <summary>The stable code of the refusal the page shows, or null.</summary>
        public string? Code => AlertCode().Match(Html) is { Success: true } m ? m.Groups[1].Value : null;

        public string? Alert => AlertText().Match(Html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

        /// <summary>The authenticator key shown as text on the enrolment step.</summary>
        public string? AuthenticatorKey => Key().Match(Html) is { Success: true } m ? m.Groups[1].Value : null;

        public IReadOnlyList<string> RecoveryCodes => [.. RecoveryCode().Matches(Html).Select(m => m.Groups[1].Value)];

        public string? ContinueTo => Continue().Match(Html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

        public override string ToString() => $"{(int)Status} {Location}\n{Html}";

        [GeneratedRegex("role=\"alert\" data-code=\"([^\"]+)\"")]
        private static partial Regex AlertCode();

        [GeneratedRegex("role=\"alert\"[^>]*>([^<]*)<")]
        private static partial Regex AlertText();

        [GeneratedRegex("<code id=\"authenticator-key\">([A-Z2-7]+)</code>")]
        private static partial Regex Key();

        [GeneratedRegex("<code class=\"recovery-code\">([^<]+)</code>")]
        private static partial Regex RecoveryCode();

        [GeneratedRegex("<a id=\"continue\" href=\"([^\"]+)\"")]
        private static partial Regex Continue();
    }
}
