using System.Security.Cryptography;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conclave.Server.Tests.Storage;

/// <summary>A private, migrated database for one test: a SQLite file in a temp folder or a fresh PostgreSQL database.</summary>
public abstract class TestStore : IAsyncDisposable
{
    public abstract ConclaveDbContext CreateContext();

    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await StorageSetup.MigrateAsync(db, CancellationToken.None);
    }

    public abstract ValueTask DisposeAsync();
}

public sealed class SqliteTestStore : TestStore
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "conclave-store-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));

    public SqliteTestStore() => System.IO.Directory.CreateDirectory(_folder);

    public string ConnectionString => $"Data Source={Path.Combine(_folder, "conclave.db")};Pooling=False";

    public override ConclaveDbContext CreateContext() =>
        new SqliteConclaveDbContext(new DbContextOptionsBuilder<SqliteConclaveDbContext>().UseSqlite(ConnectionString).UseOpenIddict().Options);

    public override ValueTask DisposeAsync()
    {
        if (System.IO.Directory.Exists(_folder))
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresTestStore : TestStore
{
    public const string Variable = "CONCLAVE_TEST_POSTGRES";

    private readonly string _admin;
    private readonly string _database = "conclave_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private PostgresTestStore(string admin) => _admin = admin;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_admin) { Database = _database, Pooling = false }.ConnectionString;

    /// <summary>
    /// Skips (visibly) when no PostgreSQL is configured on a developer machine; on CI (CI=true) a missing
    /// server is a failure, never a silent skip.
    /// </summary>
    public static async Task<PostgresTestStore> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(admin))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{Variable} is not set on CI: the PostgreSQL storage tests must run there.");
            }

            Skip.If(true, $"{Variable} is not set: PostgreSQL storage tests skipped (./test.sh sets it).");
        }

        var store = new PostgresTestStore(admin!);
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{store._database}\"", connection);
        await command.ExecuteNonQueryAsync();
        return store;
    }

    public override ConclaveDbContext CreateContext() =>
        new PostgresConclaveDbContext(new DbContextOptionsBuilder<PostgresConclaveDbContext>().UseNpgsql(ConnectionString).UseOpenIddict().Options);

    public override async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
