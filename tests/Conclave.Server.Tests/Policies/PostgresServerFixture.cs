using System.Diagnostics;
using System.Security.Cryptography;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Policies;

/// <summary>
/// A server on PostgreSQL: the cluster from CONCLAVE_TEST_POSTGRES (set by ./test.sh), or one
/// started on loopback with scripts/start-postgres.sh; a fresh database per fixture.
/// </summary>
public sealed class PostgresServerFixture : ServerFixture
{
    private static readonly Lazy<string> Cluster = new(StartCluster);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Conclave:Database:Provider"] = "postgres",
        ["Conclave:Database:ConnectionString"] = $"{Cluster.Value};Database=conclave_policy_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}",
    };

    private static string StartCluster()
    {
        var configured = Environment.GetEnvironmentVariable("CONCLAVE_TEST_POSTGRES");
        var connection = !string.IsNullOrWhiteSpace(configured) ? configured : RunStartScript();
        // The database named here is replaced per fixture.
        return string.Join(';', connection.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => !part.StartsWith("Database=", StringComparison.OrdinalIgnoreCase)));
    }

    private static string RunStartScript()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Conclave.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        }

        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "start-postgres.sh"), "/tmp/conclave-pg", "55432"])
        {
            RedirectStandardOutput = true,
        })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException("scripts/start-postgres.sh failed");
    }
}
