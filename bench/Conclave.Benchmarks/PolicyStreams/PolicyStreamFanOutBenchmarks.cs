using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Conclave.Benchmarks.PolicyStreams;

/// <summary>
/// A Global policy change reaching every connected client: <c>Set-CsTeamsEnhancedEncryptionPolicy -Identity Global</c>
/// as the admin API's PATCH, timed from sending it until the last of N clients has read its new
/// <c>e2ee-calls</c> event on <c>/api/me/policy-events</c> (real server, real TLS, loopback). Each operation is one
/// change; the setting alternates so every change alters every client's answer.
/// </summary>
[Config(typeof(Settings))]
public class PolicyStreamFanOutBenchmarks
{
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(30);
    private PolicyStreamRig _rig = null!;
    private bool _flip;

    /// <summary>CONCLAVE_BENCH_STREAM_CLIENTS overrides the client count (the smoke run uses 50).</summary>
    public static IEnumerable<int> ClientCounts() =>
        [int.TryParse(Environment.GetEnvironmentVariable("CONCLAVE_BENCH_STREAM_CLIENTS"), out var n) && n > 0 ? n : 1000];

    [ParamsSource(nameof(ClientCounts))]
    public int Clients { get; set; }

    [GlobalSetup]
    public void Setup() => _rig = PolicyStreamRig.StartAsync(Clients).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _rig.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "Set Global → last of N clients has the event")]
    public Task GlobalChangeReachesEveryClient()
    {
        _flip = !_flip;
        var mode = _flip ? "DisabledUserOverride" : "EnabledUserOverride";
        return _rig.ChangeAndAwaitAllAsync(
            HttpMethod.Patch,
            "/api/admin/policies/TeamsEnhancedEncryptionPolicy/Global",
            new { parameters = new { CallingEndtoEndEncryptionEnabledType = mode } },
            RoundTimeout);
    }

    /// <summary>
    /// In process (the server and its thousand connections live in the benchmark process), one change per
    /// measurement, a fixed number of rounds: CONCLAVE_BENCH_STREAM_ROUNDS (default 20; the smoke run uses 2).
    /// </summary>
    private sealed class Settings : ManualConfig
    {
        public Settings()
        {
            var rounds = int.TryParse(Environment.GetEnvironmentVariable("CONCLAVE_BENCH_STREAM_ROUNDS"), out var r) && r > 0 ? r : 20;
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(Math.Min(3, rounds))
                .WithIterationCount(rounds)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
        }
    }
}
