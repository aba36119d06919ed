using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Conclave.Client.Auth;
using Conclave.Client.Calls;

namespace Conclave.Benchmarks.Devices;

/// <summary>
/// Memory per connected idle device (bench/scripts/50-calls.sh): <c>devices-measure --devices N</c> starts
/// <see cref="DeviceMemoryServer"/> in a child process, signs N users in and connects each as one device
/// to the call hub (SignalR over WebSocket and TLS, every packet on 127.0.0.1), and reads the server's working
/// set and managed heap with a few warm-up devices connected and again with all N connected and idle. The
/// figures are the differences divided by the devices added. Bounded: every step has a time limit.
/// </summary>
public static class DeviceMemoryBench
{
    private const int Parallel = 16;
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(3);

    public static bool Handles(string[] args) => args is ["devices-measure", ..] or ["devices-serve", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        var devices = int.Parse(options.GetValueOrDefault("devices", "1000"), CultureInfo.InvariantCulture);
        if (args[0] == "devices-serve")
        {
            await DeviceMemoryServer.RunAsync(devices);
            return 0;
        }

        var warm = int.Parse(options.GetValueOrDefault("warm", "10"), CultureInfo.InvariantCulture);
        var idle = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("idle-seconds", "70"), CultureInfo.InvariantCulture));
        if (warm < 1 || devices <= warm)
        {
            throw new ArgumentException("Need --devices greater than --warm, and at least one warm-up device.");
        }

        var result = await MeasureAsync(devices, warm, idle);
        var rows = string.Join('\n', result.Samples.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"| {devices:N0} | {s.After.TotalSeconds:F0} s | {s.PerDeviceWorkingSet / 1024.0:F1} | {s.PerDeviceHeap / 1024.0:F1} | {s.TotalWorkingSet / 1048576.0:F0} |")));
        Console.WriteLine("| devices connected | idle for | server working set per device (KB) | server managed heap per device (KB) | server working set (MB) |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(rows);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(connecting and registering {devices - warm} devices took {result.Elapsed.TotalSeconds:F1} s)"));
        if (options.TryGetValue("out", out var file))
        {
            await File.WriteAllTextAsync(file, rows + "\n");
        }

        return 0;
    }

    private static async Task<DeviceMemoryResult> MeasureAsync(int devices, int warm, TimeSpan idle)
    {
        using var server = StartServer(devices);
        var clients = new List<CallClient>();
        try
        {
            var ready = await ReadLineAsync(server, "READY");
            var parts = ready.Split(' ');
            var pin = string.Join(':', Convert.FromHexString(parts[2]).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
            if (!CertificateFingerprint.TryParse(pin, out var fingerprint) || fingerprint is null)
            {
                throw new InvalidOperationException("The server printed no usable certificate hash.");
            }

            var endpoint = new ServerEndpoint(new Uri(parts[1]), ServerTrust.Pinned(fingerprint));
            await ConnectAsync(endpoint, 0, warm, clients);
            var before = await MeasureServerAsync(server, warm);
            var started = Stopwatch.GetTimestamp();
            await ConnectAsync(endpoint, warm, devices, clients);
            var elapsed = Stopwatch.GetElapsedTime(started);

            // Idle: no calls, only the hub's keep-alives. Read once soon after connecting, and once after the
            // HTTP connections of sign-in and SignalR's negotiate closed (clients drop idle pooled connections
            // after a minute), when each device holds its WebSocket alone.
            var added = devices - warm;
            var samples = new List<DeviceMemorySample>();
            var connectedAt = Stopwatch.GetTimestamp();
            foreach (var wait in new[] { TimeSpan.FromSeconds(5), idle }.Where(w => w <= idle).Distinct().Order())
            {
                var remaining = wait - Stopwatch.GetElapsedTime(connectedAt);
                if (remaining > TimeSpan.Zero)
                {
                    await Task.Delay(remaining);
                }

                var after = await MeasureServerAsync(server, devices);
                samples.Add(new DeviceMemorySample(
                    wait,
                    (after.WorkingSet - before.WorkingSet) / (double)added,
                    (after.Heap - before.Heap) / (double)added,
                    after.WorkingSet));
            }

            return new DeviceMemoryResult(samples, elapsed);
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask())).WaitAsync(StepLimit);
            server.StandardInput.Close();
            if (!server.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task ConnectAsync(ServerEndpoint endpoint, int from, int to, List<CallClient> clients)
    {
        using var gate = new SemaphoreSlim(Parallel);
        using var limit = new CancellationTokenSource(StepLimit);
        var tasks = Enumerable.Range(from, to - from).Select(async i =>
        {
            await gate.WaitAsync(limit.Token);
            try
            {
                using var session = await ConclaveSession.SignInWithPasswordAsync(
                    endpoint, DeviceMemoryServer.Upn(i), DeviceMemoryServer.Password, null, TimeProvider.System, limit.Token);
                var client = await CallClient.ConnectAsync(session, new CallClientOptions { DeviceName = "idle-" + i.ToString(CultureInfo.InvariantCulture) }, limit.Token);
                lock (clients)
                {
                    clients.Add(client);
                }

                // The session's own HTTP connection closes here; the hub connection keeps its access token.
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
    }

    private static Process StartServer(int users)
    {
        // The same program in server mode: through the apphost when there is one, else through dotnet.
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        start.ArgumentList.Add("devices-serve");
        start.ArgumentList.Add("--devices");
        start.ArgumentList.Add(users.ToString(CultureInfo.InvariantCulture));
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the server process.");
    }

    private static async Task<(long WorkingSet, long Heap)> MeasureServerAsync(Process server, int expectedDevices)
    {
        await server.StandardInput.WriteLineAsync("measure");
        await server.StandardInput.FlushAsync();
        var parts = (await ReadLineAsync(server, "MEMORY")).Split(' ');
        var registered = int.Parse(parts[3], CultureInfo.InvariantCulture);
        if (registered != expectedDevices)
        {
            throw new InvalidOperationException($"The server holds {registered} devices, expected {expectedDevices}.");
        }

        return (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private static async Task<string> ReadLineAsync(Process server, string prefix)
    {
        using var limit = new CancellationTokenSource(StepLimit);
        while (await server.StandardOutput.ReadLineAsync(limit.Token) is { } line)
        {
            if (line.StartsWith(prefix + " ", StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"The server process ended before printing {prefix}.");
    }

    private sealed record DeviceMemorySample(TimeSpan After, double PerDeviceWorkingSet, double PerDeviceHeap, long TotalWorkingSet);

    private sealed record DeviceMemoryResult(IReadOnlyList<DeviceMemorySample> Samples, TimeSpan Elapsed);
}
