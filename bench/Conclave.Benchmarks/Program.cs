using BenchmarkDotNet.Running;
using Conclave.Benchmarks.Relay;

if (RelayBenchHost.Handles(args))
{
    // Helper processes of bench/scripts/40-relay.sh, not BenchmarkDotNet suites.
    await RelayBenchHost.RunAsync(args);
    return;
}

// Every suite in this assembly; pick with --filter, e.g. --filter '*Srtp*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
