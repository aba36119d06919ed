using System.Globalization;

namespace Conclave.Benchmarks.AdminUi;

/// <summary>
/// The admin center's policy list with many users and policies (bench/scripts/60-admin-ui.sh):
/// <c>admin-policy-list [--users 1000] [--policies 200] [--runs 10] [--threshold-ms 1000] [--out file.md] [--web-root dir]</c>
/// starts the real server on loopback, seeds it through the admin API (<see cref="PolicyListSeed"/>), then times
/// the list in Chromium from navigation to interactive (<see cref="PolicyListBrowser"/>). Prints the tables and
/// returns 1 when a median is not under the threshold (0 turns the threshold off, for a smoke run).
/// </summary>
public static class PolicyListBench
{
    public static bool Handles(string[] args) => args is ["admin-policy-list", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = PolicyListOptions.Parse(args.AsSpan(1));
        await using var server = await AdminBenchServer.StartAsync(options.WebRoot, CancellationToken.None);
        Console.WriteLine(Invariant($"Seeding {options.Users:N0} users and {options.Policies} policies through {server.BaseAddress}…"));
        var seed = await new PolicyListSeed(server.Admin, options).RunAsync(CancellationToken.None);

        var loadBefore = LoadAverage();
        var runs = await PolicyListBrowser.RunAsync(server, seed, options.Runs, CancellationToken.None);
        var loadAfter = LoadAverage();

        var tables = PolicyListReport.Tables(seed, runs);
        Console.WriteLine(tables);
        Console.WriteLine($"Load average (1, 5, 15 min) before the browser runs: {loadBefore}; after: {loadAfter}.");
        if (options.Out is { } file)
        {
            await File.WriteAllTextAsync(file, tables + $"\nLoad average (1, 5, 15 min) when the browser runs started: {loadBefore}; when they ended: {loadAfter}.\n");
        }

        if (options.ThresholdMs <= 0)
        {
            return 0;
        }

        var under = PolicyListReport.AllUnder(runs, options.ThresholdMs);
        Console.WriteLine(under
            ? Invariant($"Every median is under {options.ThresholdMs:F0} ms.")
            : Invariant($"A median is not under {options.ThresholdMs:F0} ms."));
        return under ? 0 : 1;
    }

    /// <summary>The machine's load averages as Linux gives them, or "unknown" elsewhere.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
