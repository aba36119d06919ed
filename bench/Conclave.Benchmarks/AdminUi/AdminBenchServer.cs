using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Conclave.Benchmarks.Hosting;
using OtpNet;

namespace Conclave.Benchmarks.AdminUi;

/// <summary>
/// The real server on 127.0.0.1 (ephemeral HTTPS port, temporary data folder, the production build of the web
/// app it serves by default) and its bootstrap administrator, ready to seed: password changed, authenticator
/// enrolled, signed in to the admin API with one recovery code, and the other codes kept for the browser.
/// </summary>
internal sealed class AdminBenchServer : IAsyncDisposable
{
    public const string Domain = "admin.bench.test";
    public const string AdminUpn = "admin@" + Domain;
    public const string AdminPassword = "admin-bench-correct-horse";

    private readonly BenchServer _bench;
    private readonly Queue<string> _recoveryCodes;

    private AdminBenchServer(BenchServer bench, HttpClient admin, IEnumerable<string> recoveryCodes)
    {
        _bench = bench;
        Admin = admin;
        _recoveryCodes = new Queue<string>(recoveryCodes);
    }

    public Uri BaseAddress => _bench.BaseAddress;

    /// <summary>The admin API as the signed-in administrator (bearer token, the server's certificate pinned).</summary>
    public HttpClient Admin { get; }

    /// <summary>An unused recovery code of the administrator: each signs a browser in once.</summary>
    public string NextRecoveryCode() => _recoveryCodes.Dequeue();

    public static async Task<AdminBenchServer> StartAsync(string? webRoot, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>();
        if (webRoot is not null)
        {
            settings["Conclave:Web:Root"] = Path.GetFullPath(webRoot);
        }

        var bench = await BenchServer.StartAsync("admin-ui", Domain, settings, cancellationToken);
        try
        {
            var pin = bench.CertificateHash;
            var (token, recoveryCodes) = await SetUpAdministratorAsync(bench.BaseAddress, pin, bench.BootstrapPassword, cancellationToken);
            var admin = Client(bench.BaseAddress, pin);
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return new AdminBenchServer(bench, admin, recoveryCodes);
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _bench.DisposeAsync();
    }

    /// <summary>As an administrator's first day goes: a new password, an authenticator, then the admin API with a recovery code.</summary>
    private static async Task<(string Token, string[] RecoveryCodes)> SetUpAdministratorAsync(
        Uri address, string pin, string bootstrap, CancellationToken cancellationToken)
    {
        using var client = Client(address, pin);
        await SendAsync(client, "/api/account/password", new { upn = AdminUpn, currentPassword = bootstrap, newPassword = AdminPassword }, cancellationToken);
        var enrolled = await SendAsync(client, "/api/account/mfa/enroll", new { upn = AdminUpn, password = AdminPassword }, cancellationToken);
        var secret = Base32Encoding.ToBytes(enrolled.GetProperty("secret").GetString());
        var code = new Totp(secret).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime);
        var confirmed = await SendAsync(client, "/api/account/mfa/confirm", new { upn = AdminUpn, password = AdminPassword, code }, cancellationToken);
        string[] recoveryCodes = [.. confirmed.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!)];

        using var tokenResponse = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "conclave-cli",
            ["username"] = AdminUpn,
            ["password"] = AdminPassword,
            ["recovery_code"] = recoveryCodes[0],
            ["scope"] = "openid profile offline_access api",
        }), cancellationToken);
        var body = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!tokenResponse.IsSuccessStatusCode || !body.TryGetProperty("access_token", out var accessToken))
        {
            throw new InvalidOperationException($"The administrator's sign-in was refused: {body}");
        }

        return (accessToken.GetString()!, recoveryCodes[1..]);
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync(path, body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    /// <summary>An HTTP client that trusts exactly this server's certificate, as the CLI pins it.</summary>
    private static HttpClient Client(Uri address, string pin) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = PolicyListOptions.SeedParallelism,
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString(HashAlgorithmName.SHA256) == pin },
        })
        { BaseAddress = address };
}
