using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conclave.Client.Auth;
using Conclave.Server;
using Conclave.Server.Relay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Testing;

/// <summary>
/// A real Conclave server on an ephemeral HTTPS port on 127.0.0.1 with its own temp data folder, started
/// as <see cref="Options"/> says, and intent methods that talk to it as clients do. Every test project
/// that starts a server uses this one type; a fixture for a test class is a subclass that names its
/// options or settings (TestHost.Intents.cs has the intent methods that go past HTTP).
/// </summary>
public partial class TestHost : IAsyncLifetime
{
    public const string AdminNewPassword = "admin-correct-horse-battery";
    public const string Domain = "conclave.test";
    public const string AdminUpn = "admin@" + Domain;

    private string? _adminTotpSecret;
    private string? _adminAccessToken;
    private readonly Queue<string> _adminRecoveryCodes = new();
    private readonly SemaphoreSlim _adminSetup = new(1, 1);
    private TestHostOptions? _options;
    private string? _postgres;
    private FakeTimeProvider? _clock;

    /// <summary>The test build of the web app (web/WebApp.targets, mode test) in the test output.</summary>
    public static string WebAppTestBuild { get; } = Path.Combine(AppContext.BaseDirectory, "wwwroot", "app-test");

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "conclave-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));

    public string BootstrapPassword { get; } = "bootstrap-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public CapturedLogs Logs { get; } = new();

    public StringWriter Output { get; } = new();

    public ConclaveServer Server { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The SHA-256 fingerprint of the server's TLS certificate, upper-case hex without separators.</summary>
    public string Fingerprint { get; private set; } = "";

    /// <summary>The same fingerprint as the server prints it and the CLI takes it: colon-separated upper-case hex.</summary>
    public string DisplayFingerprint { get; private set; } = "";

    /// <summary>The server as the .NET SDK reaches it, its certificate pinned.</summary>
    public ServerEndpoint Endpoint { get; private set; } = null!;

    /// <summary>The running server's services.</summary>
    public IServiceProvider Services => Server.App.Services;

    /// <summary>The server's clock when <see cref="TestHostOptions.FakeTime"/> is on; the test moves it.</summary>
    public FakeTimeProvider Clock => _clock ?? throw new InvalidOperationException("this host runs on the system clock (TestHostOptions.FakeTime is off)");

    /// <summary>How this host starts (read once, before the first start).</summary>
    protected virtual TestHostOptions Options => new();

    /// <summary>Extra configuration for a test class (e.g. low throttling limits), applied after <see cref="Options"/>.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>For a test class that needs more than settings (e.g. its own clock).</summary>
    protected virtual void Configure(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder)
    {
    }

    public virtual async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(DataPath);
        await File.WriteAllTextAsync(Path.Combine(DataPath, "bootstrap-password"), BootstrapPassword + "\n");
        await StartAsync();
    }

    /// <summary>Starts the server on <see cref="DataPath"/> (again, after a test stopped it: same data, new port).</summary>
    protected async Task StartAsync()
    {
        EmittedCodes.Start();
        var options = _options ??= Options;
        if (options.FakeTime)
        {
            _clock ??= new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        }

        var passwordFile = Path.Combine(DataPath, "bootstrap-password");
        var settings = new Dictionary<string, string?>
        {
            ["Conclave:Tenant:Domain"] = Domain,
            // Identity allows fewer PBKDF2 iterations; production keeps its 100,000 default.
            ["Conclave:Accounts:PasswordHashIterations"] = "1000",
            ["Conclave:Throttling:PermitsPerAddress"] = "10000",
            ["Conclave:Throttling:PermitsPerSubnet"] = "10000",
            ["Conclave:Throttling:PermitsPerAccount"] = "10000",
            ["Conclave:Chat:RateLimit:Burst"] = "100000",
            ["Conclave:Chat:RateLimit:WritesPerSecond"] = "100000",
            // The in-process TURN relay on an ephemeral loopback port, so parallel servers never clash on 3478.
            ["Conclave:Relay:ListenAddress"] = "127.0.0.1",
            ["Conclave:Relay:UdpPort"] = options.RelayPort.ToString(CultureInfo.InvariantCulture),
            // The web app's test build (with the browser tests' hook), which this project's build puts beside the tests.
            ["Conclave:Web:Root"] = WebAppTestBuild,
        };
        if (options.Media)
        {
            // The media processor's legs on ephemeral loopback ports too.
            settings["Conclave:MediaProcessor:ListenAddress"] = "127.0.0.1";
            settings["Conclave:MediaProcessor:MinPort"] = "0";
            settings["Conclave:MediaProcessor:MaxPort"] = "0";
        }

        if (options.Database == TestDatabase.Postgres)
        {
            settings["Conclave:Database:Provider"] = "postgres";
            settings["Conclave:Database:ConnectionString"] = _postgres ??= TestPostgres.NewDatabase("conclave_test");
        }

        foreach (var (key, value) in options.Settings.Concat(Settings))
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
                if (_clock is not null)
                {
                    builder.Services.AddSingleton<TimeProvider>(_clock);
                }

                if (options.RelayAnnouncedPort is { } announced)
                {
                    AnnounceRelay(builder.Services, options.RelayPort, announced);
                }

                Configure(builder);
            },
            CancellationToken.None);
        BaseAddress = Server.Addresses[0];
        Fingerprint = Server.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        DisplayFingerprint = string.Join(':', Server.Certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
        Assert.True(CertificateFingerprint.TryParse(DisplayFingerprint, out var pin));
        Endpoint = new ServerEndpoint(BaseAddress, ServerTrust.Pinned(pin!));
    }

    /// <summary>A UDP port on 127.0.0.1 that was free a moment ago (for a relay whose URI must name its port before it starts).</summary>
    public static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }

    private static void AnnounceRelay(IServiceCollection services, int relayPort, int announcedPort)
    {
        var uri = $"turn:127.0.0.1:{announcedPort.ToString(CultureInfo.InvariantCulture)}?transport=udp";
        // After every binding of the configuration: the handed-out URI names the announced port, and every
        // test peer is on loopback.
        services.PostConfigure<RelayOptions>(o =>
        {
            o.ListenAddress = "127.0.0.1";
            if (relayPort != 0)
            {
                o.UdpPort = relayPort;
            }

            o.AllowLoopbackPeers = true;
            o.Uris.Clear();
            o.Uris.Add(uri);
        });
    }

    public virtual async Task DisposeAsync()
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
                var (secret, recoveryCodes) = await EnrollMfaAsync(AdminUpn, AdminNewPassword);
                _adminTotpSecret = secret;
                foreach (var code in recoveryCodes)
                {
                    _adminRecoveryCodes.Enqueue(code);
                }
            }

            return _adminTotpSecret;
        }
        finally
        {
            _adminSetup.Release();
        }
    }

    /// <summary>
    /// One of the bootstrap admin's unused recovery codes, each given once, or none when all ten are used:
    /// a sign-in with one never waits for the next TOTP time step (a fixture signs the admin in through
    /// the page several times).
    /// </summary>
    public async Task<string?> AdminRecoveryCodeAsync()
    {
        await AdminTotpSecretAsync();
        await _adminSetup.WaitAsync();
        try
        {
            return _adminRecoveryCodes.TryDequeue(out var code) ? code : null;
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
    public async Task<HttpResponseMessage> BrowserSignInAsync(HttpClient browser, string returnUrl, string upn, string password, string? totp, string? recoveryCode = null)
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
            ["recovery_code"] = recoveryCode ?? "",
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
