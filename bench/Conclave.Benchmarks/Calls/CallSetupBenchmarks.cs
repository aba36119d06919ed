using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Conclave.Client.Auth;
using Conclave.Client.Calls;
using Conclave.Domain.Policies.Schema;
using Conclave.Protocols.Dtls;
using Conclave.Server;
using Conclave.Server.Directory;
using Conclave.Server.Policies;
using Conclave.Server.Relay;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conclave.Benchmarks.Calls;

/// <summary>
/// Call set-up on loopback through the real server, for an E2EE call direct (host candidates) and through
/// Conclave's TURN relay, and for a standard call through the server's media processor (each device offers to
/// it and gets an ICE-lite, DTLS-server leg; the media is forwarded between the two legs): from the callee's accept (the figure), and from placing the call, to the
/// first decrypted audio packet on both sides. One call per iteration; hanging up is outside the timed part.
/// BenchmarkDotNet's median and P95 are the figures.
/// </summary>
[MemoryDiagnoser]
public class CallSetupBenchmarks
{
    private const string Password = "bench-password-12345";
    private const int WarmUpHandshakes = 60;
    private string _root = "";
    private ConclaveServer _server = null!;
    private ConclaveSession _aliceSession = null!;
    private ConclaveSession _bobSession = null!;
    private CallClient _alice = null!;
    private CallClient _bob = null!;
    private string _bobUpn = "";
    private Call? _placed;
    private Call? _answered;
    private IncomingCall? _incoming;

    /// <summary>The paths measured: all three, or those listed in <c>CONCLAVE_BENCH_CALL_PATHS</c> (comma-separated).</summary>
    public static IEnumerable<string> Paths =>
        Environment.GetEnvironmentVariable("CONCLAVE_BENCH_CALL_PATHS") is { Length: > 0 } only
            ? only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : ["Direct", "Relay", "Standard"];

    [ParamsSource(nameof(Paths))]
    public string Path { get; set; } = "Direct";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _root = Directory.CreateTempSubdirectory("conclave-bench-calls-").FullName;
        var passwordFile = System.IO.Path.Combine(_root, "bootstrap");
        await File.WriteAllTextAsync(passwordFile, "bootstrap-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        int relayPort;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            relayPort = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }

        _server = await ConclaveServer.StartAsync(
            ["--urls", "https://127.0.0.1:0", "--data", System.IO.Path.Combine(_root, "data"), "--bootstrap-admin-password-file", passwordFile],
            TextWriter.Null,
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Conclave:Tenant:Domain"] = "bench.test",
                    ["Conclave:Accounts:PasswordHashIterations"] = "1000",
                    ["Conclave:MediaProcessor:ListenAddress"] = "127.0.0.1",
                    ["Conclave:MediaProcessor:MinPort"] = "0",
                    ["Conclave:MediaProcessor:MaxPort"] = "0",
                    // Alice rings Bob once per iteration, far above a person's ring limits.
                    ["Conclave:Calls:RingsPerMinute"] = "10000",
                    ["Conclave:Calls:RingsPerMinutePerCallee"] = "10000",
                });
                var port = relayPort.ToString(CultureInfo.InvariantCulture);
                builder.Services.AddConclaveRelay(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Conclave:Relay:ListenAddress"] = "127.0.0.1",
                    ["Conclave:Relay:UdpPort"] = port,
                    ["Conclave:Relay:AllowLoopbackPeers"] = "true",
                    ["Conclave:Relay:Uris:0"] = $"turn:127.0.0.1:{port}?transport=udp",
                }).Build());
                builder.Logging.ClearProviders();
            },
            CancellationToken.None);
        var policies = _server.App.Services.GetRequiredService<PolicyService>();
        var set = await policies.ChangeAsync(d => d.Set(PolicyTypes.TeamsEnhancedEncryptionPolicy, "Global", new Dictionary<string, string?> { ["CallingEndtoEndEncryptionEnabledType"] = Path == "Standard" ? "Disabled" : "EnabledUserOverride" }), CancellationToken.None);
        if (!set.IsSuccess)
        {
            throw new InvalidOperationException(set.Error.ToString());
        }

        var aliceUpn = await CreateUserAsync("alice");
        _bobUpn = await CreateUserAsync("bob");
        var fingerprint = string.Join(':', _server.Certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
        CertificateFingerprint.TryParse(fingerprint, out var pin);
        var endpoint = new ServerEndpoint(_server.Addresses[0], ServerTrust.Pinned(pin!));
        _aliceSession = await ConclaveSession.SignInWithPasswordAsync(endpoint, aliceUpn, Password, null, TimeProvider.System, CancellationToken.None);
        _bobSession = await ConclaveSession.SignInWithPasswordAsync(endpoint, _bobUpn, Password, null, TimeProvider.System, CancellationToken.None);
        var relayOnly = Path == "Relay";
        _alice = await CallClient.ConnectAsync(_aliceSession, Options("alice", relayOnly), CancellationToken.None);
        _bob = await CallClient.ConnectAsync(_bobSession, Options("bob", relayOnly), CancellationToken.None);

        // A client that has been running a while: the DTLS engine (BouncyCastle's managed elliptic-curve
        // code) is loaded and tiered up, as it is after a few calls. Without this the first iterations run
        // it as unoptimised code and time the JIT, not the call.
        for (var i = 0; i < WarmUpHandshakes; i++)
        {
            if (!await DtlsSrtpEndpoint.WarmUpAsync())
            {
                throw new InvalidOperationException("DTLS warm-up handshake failed.");
            }
        }

        // Tiered compilation promotes hot methods on a background thread after a short delay.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
    }

    /// <summary>The figure: from the callee's accept to the first decrypted audio packet on both sides.</summary>
    [Benchmark(Description = "accept → first decrypted audio packet both ways")]
    public async Task AcceptToFirstAudioAsync()
    {
        _answered = await _bob.AnswerAsync(_incoming!, CancellationToken.None);
        await FirstAudioBothWaysAsync(_placed!, _answered);
    }

    /// <summary>The whole set-up as a caller sees it: placing (ringing), an immediate accept, first audio both ways.</summary>
    [Benchmark(Description = "place → accept → first decrypted audio packet both ways")]
    public async Task PlaceToFirstAudioAsync()
    {
        _placed = await _alice.PlaceAsync(_bobUpn, CancellationToken.None);
        var incoming = await _bob.WaitForIncomingAsync(CancellationToken.None);
        _answered = await _bob.AnswerAsync(incoming, CancellationToken.None);
        await FirstAudioBothWaysAsync(_placed, _answered);
    }

    /// <summary>The call rings on Bob's device before the accept is timed.</summary>
    [IterationSetup(Target = nameof(AcceptToFirstAudioAsync))]
    public void Ring()
    {
        _placed = _alice.PlaceAsync(_bobUpn, CancellationToken.None).GetAwaiter().GetResult();
        _incoming = _bob.WaitForIncomingAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Hanging up is not part of set-up: it happens after the timed part of each iteration.</summary>
    [IterationCleanup]
    public void HangUp()
    {
        var call = _placed!;
        var answered = _answered!;
        _placed = null;
        _answered = null;
        _incoming = null;
        call.HangUpAsync(CancellationToken.None).GetAwaiter().GetResult();
        answered.Ended.WaitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        answered.HangUpAsync(CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default).GetAwaiter().GetResult();
    }

    private async Task FirstAudioBothWaysAsync(Call call, Call answered)
    {
        await Task.WhenAll(call.MediaReady, answered.MediaReady).WaitAsync(TimeSpan.FromSeconds(15));
        if (call.E2ee.EndToEnd == (Path == "Standard"))
        {
            throw new InvalidOperationException($"The {Path} path set up a call with E2EE {call.E2ee.EndToEnd}.");
        }

        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(5);
        while ((call.Statistics?.PacketsReceived ?? 0) == 0 || (answered.Statistics?.PacketsReceived ?? 0) == 0)
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException("no audio arrived");
            }

            await Task.Delay(1);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _alice.DisposeAsync();
        await _bob.DisposeAsync();
        _aliceSession.Dispose();
        _bobSession.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private static CallClientOptions Options(string name, bool relayOnly) => new()
    {
        DeviceName = name,
        AddressFilter = address => address.Equals(IPAddress.Loopback),
        RelayOnly = relayOnly,
    };

    private async Task<string> CreateUserAsync(string name)
    {
        var upn = $"{name}@bench.test";
        using var scope = _server.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConclaveUser>>();
        var created = await users.CreateAsync(new ConclaveUser { UserName = upn, Email = upn, DisplayName = name, CreatedAt = TimeProvider.System.GetUtcNow() }, Password);
        return created.Succeeded ? upn : throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
    }
}
