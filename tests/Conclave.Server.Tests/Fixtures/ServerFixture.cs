using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conclave.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Conclave.Server.Tests.Fixtures;

/// <summary>
/// A real Conclave server on an ephemeral HTTPS port on 127.0.0.1 with its own temp data folder,
/// and intent methods that talk to it as clients do.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    public const string AdminNewPassword = "admin-correct-horse-battery";
    public const string Domain = "conclave.test";
    public const string AdminUpn = "admin@" + Domain;

    private string? _adminTotpSecret;
    private string? _adminAccessToken;
    private readonly SemaphoreSlim _adminSetup = new(1, 1);

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "conclave-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));

    public string BootstrapPassword { get; } = "bootstrap-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public CapturedLogs Logs { get; } = new();

    public StringWriter Output { get; } = new();

    public ConclaveServer Server { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string Fingerprint { get; private set; } = "";

    /// <summary>Extra configuration for a test class (e.g. low throttling limits).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>For a test class that needs more than settings (e.g. its own clock).</summary>
    protected virtual void Configure(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder)
    {
    }

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(DataPath);
        await File.WriteAllTextAsync(Path.Combine(DataPath, "bootstrap-password"), BootstrapPassword + "\n");
        await StartAsync();
    }

    protected async Task StartAsync()
    {
        EmittedCodes.Start();
        var passwordFile = Path.Combine(DataPath, "bootstrap-password");
        var settings = new Dictionary<string, string?>
        {
            ["Conclave:Tenant:Domain"] = Domain,
            // Identity allows fewer PBKDF2 iterations; production keeps its 100,000 default.
            ["Conclave:Accounts:PasswordHashIterations"] = "1000",
            ["Conclave:Throttling:PermitsPerAddress"] = "10000",
            ["Conclave:Throttling:PermitsPerSubnet"] = "10000",
            ["Conclave:Throttling:PermitsPerAccount"] = "10000",
            // The in-process TURN relay on an ephemeral loopback port, so parallel servers never clash on 3478.
            ["Relay:ListenAddress"] = "127.0.0.1",
            ["Relay:UdpPort"] = "0",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        Server = await ConclaveServer.StartAsync(
            ["--urls", "https://127.0.0.1:0", "--data", Path.Combine(DataPath, "data"), "--bootstrap-admin-password-file", passwordFile],
            Output,
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Logging.AddProvider(Logs);
                Configure(builder);
            },
            CancellationToken.None);
        BaseAddress = Server.Addresses[0];
        Fingerprint = Server.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>An HTTP client that trusts exactly this server's certificate (pinned, as the CLI does).</summary>
    public HttpClient CreateClient(CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString(HashAlgorithmName.SHA256) == Fingerprint },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    public HttpClient CreateClient(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A code the server has not seen yet for this secret (see <see cref="TotpCodes"/>).</summary>
    public static string Totp(string secret) => TotpCodes.Next(secret);

    public async Task<TokenResponse> TokenAsync(IDictionary<string, string> form)
    {
        using var client = CreateClient();
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new TokenResponse(response.StatusCode, body);
    }

    public Task<TokenResponse> PasswordGrantAsync(string upn, string password, string? totp = null, string? recoveryCode = null, string clientId = "conclave-cli")
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = clientId,
            ["username"] = upn,
            ["password"] = password,
            ["scope"] = "openid profile offline_access api",
        };
        if (totp is not null)
        {
            form["totp"] = totp;
        }

        if (recoveryCode is not null)
        {
            form["recovery_code"] = recoveryCode;
        }

        return TokenAsync(form);
    }

    public Task<TokenResponse> RefreshAsync(string refreshToken, string clientId = "conclave-cli") =>
        TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = clientId, ["refresh_token"] = refreshToken });

    public async Task<HttpResponseMessage> PostJsonAsync(string path, object body, string? accessToken = null)
    {
        using var client = accessToken is null ? CreateClient() : CreateClient(accessToken);
        return await client.PostAsJsonAsync(path, body);
    }

    public async Task ChangePasswordAsync(string upn, string current, string next)
    {
        using var response = await PostJsonAsync("/api/account/password", new { upn, currentPassword = current, newPassword = next });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Enrols TOTP for a user and returns (secret, recovery codes).</summary>
    public async Task<(string Secret, string[] RecoveryCodes)> EnrollMfaAsync(string upn, string password)
    {
        using var enroll = await PostJsonAsync("/api/account/mfa/enroll", new { upn, password });
        Assert.Equal(HttpStatusCode.OK, enroll.StatusCode);
        var body = await enroll.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("otpauth://totp/", body.GetProperty("otpauthUri").GetString(), StringComparison.Ordinal);
        using var confirm = await PostJsonAsync("/api/account/mfa/confirm", new { upn, password, code = Totp(secret) });
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var codes = (await confirm.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        return (secret, codes);
    }

    /// <summary>The bootstrap admin, with password changed and TOTP enrolled on first use.</summary>
    public async Task<string> AdminTotpSecretAsync()
    {
        await _adminSetup.WaitAsync();
        try
        {
            if (_adminTotpSecret is null)
            {
                await ChangePasswordAsync(AdminUpn, BootstrapPassword, AdminNewPassword);
                _adminTotpSecret = (await EnrollMfaAsync(AdminUpn, AdminNewPassword)).Secret;
            }

            return _adminTotpSecret;
        }
        finally
        {
            _adminSetup.Release();
        }
    }

    /// <summary>
    /// The bootstrap admin's access token (password + TOTP), signed in once per fixture: each TOTP code
    /// is accepted only once, as an administrator's session would be reused.
    /// </summary>
    public async Task<string> SignInAdminAsync()
    {
        var secret = await AdminTotpSecretAsync();
        await _adminSetup.WaitAsync();
        try
        {
            if (_adminAccessToken is null)
            {
                var token = await PasswordGrantAsync(AdminUpn, AdminNewPassword, Totp(secret));
                Assert.True(token.Succeeded, token.ToString());
                _adminAccessToken = token.AccessToken;
            }

            return _adminAccessToken;
        }
        finally
        {
            _adminSetup.Release();
        }
    }

    public async Task<string> SignInAsync(string upn, string password, string? totp = null)
    {
        var token = await PasswordGrantAsync(upn, password, totp);
        Assert.True(token.Succeeded, token.ToString());
        return token.AccessToken;
    }

    /// <summary>Creates a user through the admin API (with a known password, so no change is required).</summary>
    public async Task<string> CreateUserAsync(string localPart, string password, params string[] roles)
    {
        var admin = await SignInAdminAsync();
        var upn = $"{localPart}@{Domain}";
        using var created = await PostJsonAsync("/api/admin/users", new { upn, displayName = localPart, password }, admin);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        foreach (var role in roles)
        {
            using var granted = await PostJsonAsync("/api/admin/roles", new { user = upn, role }, admin);
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        return upn;
    }

    public static string UniqueName(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>Signs a browser (cookie jar) in through /account/login, following the return URL.</summary>
    public async Task<HttpResponseMessage> BrowserSignInAsync(HttpClient browser, string returnUrl, string upn, string password, string? totp)
    {
        using var page = await browser.GetAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var token = AntiforgeryToken(await page.Content.ReadAsStringAsync());
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = returnUrl,
            ["upn"] = upn,
            ["password"] = password,
            ["totp"] = totp ?? "",
        };
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(form));
    }

    public static string AntiforgeryToken(string html)
    {
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(match.Success, "no antiforgery token in page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public async Task<JsonElement> AuditAsync(string query)
    {
        using var client = CreateClient(await SignInAdminAsync());
        return await client.GetFromJsonAsync<JsonElement>("/api/admin/audit?" + query);
    }
}
