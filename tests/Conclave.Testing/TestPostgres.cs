using System.Diagnostics;
using System.Security.Cryptography;

namespace Conclave.Testing;

/// <summary>
/// The PostgreSQL cluster the storage tests share: the one in CONCLAVE_TEST_POSTGRES (set by ./test.sh), or
/// one started on loopback with scripts/start-postgres.sh on first use. Docker does not run here.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<string> Cluster = new(StartCluster);

    /// <summary>A connection string to a database of its own on the cluster (created by the server's migrations).</summary>
    public static string NewDatabase(string prefix) =>
        $"{Cluster.Value};Database={prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";

    private static string StartCluster()
    {
        var configured = Environment.GetEnvironmentVariable("CONCLAVE_TEST_POSTGRES");
        var connection = !string.IsNullOrWhiteSpace(configured) ? configured : RunStartScript();
        // The database named here is replaced per host.
        return string.Join(';', connection.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => !part.StartsWith("Database=", StringComparison.OrdinalIgnoreCase)));
    }

    private static string RunStartScript()
    {
        var root = RepositoryFolder.Root;
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "start-postgres.sh"), "/tmp/conclave-pg", "55432"])
        {
            RedirectStandardOutput = true,
        })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException("scripts/start-postgres.sh failed");
    }
}
