using System.Diagnostics;
using System.Globalization;
using Conclave.Benchmarks.Hosting;
using Conclave.Server.Presence;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Benchmarks.Devices;

/// <summary>
/// The server side of the idle-device memory benchmark, in a process of its own so that its working set holds
/// nothing of the clients: the real server on 127.0.0.1 (ephemeral port, temporary data folder) with the
/// benchmark's users. It prints <c>READY &lt;address&gt; &lt;certificate SHA-256&gt;</c>, then answers each
/// <c>measure</c> line on stdin with <c>MEMORY &lt;working set&gt; &lt;managed heap&gt; &lt;registered devices&gt;</c>
/// after a full blocking collection, and stops when stdin closes.
/// </summary>
internal static class DeviceMemoryServer
{
    public const string Domain = "devices.bench.test";
    public const string Password = "device-bench-password-12345";

    public static string Upn(int i) => string.Create(CultureInfo.InvariantCulture, $"d{i:D5}@{Domain}");

    public static async Task RunAsync(int users)
    {
        await using var bench = await BenchServer.StartAsync("devices", Domain, new Dictionary<string, string?>(), CancellationToken.None);
        await bench.CreateUsersAsync(Enumerable.Range(0, users).Select(Upn), Password);
        var registry = bench.Server.App.Services.GetRequiredService<DeviceRegistry>();
        Console.WriteLine($"READY {bench.BaseAddress} {bench.CertificateHash}");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line.Trim() == "measure")
            {
                var (workingSet, heap) = Measure();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MEMORY {workingSet} {heap} {registry.Count}"));
            }
        }
    }

    /// <summary>Working set and live managed bytes after a full, compacting, blocking collection (finalizers run in between).</summary>
    private static (long WorkingSet, long Heap) Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }
}
