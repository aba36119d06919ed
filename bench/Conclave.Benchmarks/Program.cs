using BenchmarkDotNet.Running;
using Conclave.Benchmarks.AdminUi;
using Conclave.Benchmarks.Chat;
using Conclave.Benchmarks.Devices;
using Conclave.Benchmarks.Relay;

if (RelayBenchHost.Handles(args))
{
    // Helper processes of bench/scripts/40-relay.sh, not BenchmarkDotNet suites.
    await RelayBenchHost.RunAsync(args);
    return 0;
}

if (DeviceMemoryBench.Handles(args))
{
    // Memory per connected idle device (bench/scripts/50-calls.sh): a measurement with a server process, not a BenchmarkDotNet suite.
    return await DeviceMemoryBench.RunAsync(args);
}

if (ChatDeliveryBench.Handles(args))
{
    // Chat delivery with 1,000 connected devices (bench/scripts/45-chat.sh): a measurement with a server process.
    return await ChatDeliveryBench.RunAsync(args);
}

if (PolicyListBench.Handles(args))
{
    // The admin center's policy list in Chromium (bench/scripts/60-admin-ui.sh): a measurement with a server and a browser.
    return await PolicyListBench.RunAsync(args);
}

// Every suite in this assembly; pick with --filter, e.g. --filter '*Srtp*'.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();

// A benchmark that threw (in its setup or its body) must fail the run, so the smoke run in
// ./test.sh notices a suite that no longer works.
var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;
