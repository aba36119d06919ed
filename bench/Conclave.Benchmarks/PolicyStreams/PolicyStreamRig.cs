using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Conclave.Server;
using Microsoft.Extensions.Configuration;
using OtpNet;

namespace Conclave.Benchmarks.PolicyStreams;

/// <summary>
/// The real server on 127.0.0.1 (ephemeral port, temp data folder) with N users, each holding one
/// /api/me/policy-events stream over its own TLS connection from this process, and an administrator token.
/// Every packet stays on loopback; the server certificate is pinned by its SHA-256.
/// </summary>
internal sealed class PolicyStreamRig : IAsyncDisposable
{
    private const string Domain = "bench.test";
    private const string AdminUpn = "admin@" + Domain;
    private const string AdminPassword = "admin-bench-correct-horse";
    private const string UserPassword = "user-bench-password-123";

    private readonly string _root = Directory.CreateTempSubdirectory("conclave-bench-streams-").FullName;
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Collections.Concurrent.ConcurrentBag<Task> _readers = [];
    private ConclaveServer _server = null!;
    private HttpClient _http = null!;
    private string _adminToken = "";
    private int _received;
    private int _expected;
    private TaskCompletionSource _round = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Clients { get; private set; }

    public static async Task<PolicyStreamRig> StartAsync(int clients)
    {
        var rig = new PolicyStreamRig { Clients = clients };
        await rig.InitializeAsync();
        return rig;
    }

    /// <summary>Sends one admin request and waits until every client has read the resulting event.</summary>
    public async Task ChangeAndAwaitAllAsync(HttpMethod method, string path, object body, TimeSpan timeout)
    {
        _round = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _received, 0);
        _expected = Clients;
        using (var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
            using var response = await _http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
        await _round.Task.WaitAsync(timeout);
    }

    private async Task InitializeAsync()
    {
        var passwordFile = Path.Combine(_root, "bootstrap-password");
        var bootstrap = "bootstrap-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        await File.WriteAllTextAsync(passwordFile, bootstrap + "\n");
        _server = await ConclaveServer.StartAsync(
            ["--urls", "https://127.0.0.1:0", "--data", Path.Combine(_root, "data"), "--bootstrap-admin-password-file", passwordFile],
            TextWriter.Null,
            builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Conclave:Tenant:Domain"] = Domain,
                // Fewer PBKDF2 iterations so that setting up a thousand accounts takes seconds; not part of the measurement.
                ["Conclave:Accounts:PasswordHashIterations"] = "1000",
                ["Conclave:Throttling:PermitsPerAddress"] = "100000",
                ["Conclave:Throttling:PermitsPerSubnet"] = "100000",
                ["Conclave:Throttling:PermitsPerAccount"] = "100000",
                ["Conclave:Relay:ListenAddress"] = "127.0.0.1",
                ["Conclave:Relay:UdpPort"] = "0",
                ["Logging:LogLevel:Default"] = "Warning",
            }),
            CancellationToken.None);
        var pin = _server.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString(HashAlgorithmName.SHA256) == pin },
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        _http = new HttpClient(handler) { BaseAddress = _server.Addresses[0], Timeout = Timeout.InfiniteTimeSpan };

        await PostAsync("/api/account/password", new { upn = AdminUpn, currentPassword = bootstrap, newPassword = AdminPassword }, null);
        var enroll = await PostAsync("/api/account/mfa/enroll", new { upn = AdminUpn, password = AdminPassword }, null);
        var totp = new Totp(Base32Encoding.ToBytes(enroll.GetProperty("secret").GetString()!));
        await PostAsync("/api/account/mfa/confirm", new { upn = AdminUpn, password = AdminPassword, code = totp.ComputeTotp() }, null);
        // Each code is accepted once (RFC 6238 §5.2) and the server allows one step of drift: sign in
        // with the next step's code rather than the one enrolment just spent.
        _adminToken = await TokenAsync(AdminUpn, AdminPassword, totp.ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(30)));

        var ready = new CountdownEvent(Clients);
        using var gate = new SemaphoreSlim(8);
        var setups = Enumerable.Range(0, Clients).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var upn = $"u{i:D5}@{Domain}";
                await PostAsync("/api/admin/users", new { upn, displayName = $"User {i}", password = UserPassword }, _adminToken);
                var token = await TokenAsync(upn, UserPassword, null);
                _readers.Add(ReadStreamAsync(token, ready));
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(setups);
        if (!ready.Wait(TimeSpan.FromSeconds(60)))
            throw new TimeoutException($"Only {Clients - ready.CurrentCount} of {Clients} streams opened.");
    }

    private async Task ReadStreamAsync(string token, CountdownEvent ready)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me/policy-events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
        var first = true;
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                    continue;
                if (first)
                {
                    first = false;
                    ready.Signal();
                }
                else if (Interlocked.Increment(ref _received) == _expected)
                {
                    _round.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task<JsonElement> PostAsync(string path, object body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<string> TokenAsync(string upn, string password, string? totp)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "conclave-cli",
            ["username"] = upn,
            ["password"] = password,
            ["scope"] = "openid profile offline_access api",
        };
        if (totp is not null)
            form["totp"] = totp;
        using var response = await _http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return response.IsSuccessStatusCode
            ? body.GetProperty("access_token").GetString()!
            : throw new InvalidOperationException($"token for {upn}: {body}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _http.Dispose();
        await _server.DisposeAsync();
        try
        {
            await Task.WhenAll(_readers).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or TimeoutException)
        {
        }
        _stop.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
