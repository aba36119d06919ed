using System.Data.Common;
using Conclave.Server.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conclave.Server.Storage;

/// <summary>Registers the store for the configured provider and applies its migrations at start.</summary>
public static class StorageSetup
{
    public static DatabaseProvider AddConclaveStorage(this IServiceCollection services, IConfiguration configuration, string dataPath)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var provider = ParseProvider(options.Provider);
        var connectionString = ResolveConnectionString(provider, options.ConnectionString, dataPath);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<ConclaveDbContext, PostgresConclaveDbContext>(o => o.UseNpgsql(connectionString).UseOpenIddict());
        }
        else
        {
            services.AddDbContext<ConclaveDbContext, SqliteConclaveDbContext>(o => o.UseSqlite(connectionString).UseOpenIddict());
        }

        // EF Core logs every command at Information; failures still reach the log as warnings and errors.
        services.AddLogging(b => b.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning));
        return provider;
    }

    public static DatabaseProvider ParseProvider(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new StartupException($"Conclave:Database:Provider '{name}' is not supported: use 'sqlite' or 'postgres'."),
    };

    public static string ResolveConnectionString(DatabaseProvider provider, string? connectionString, string dataPath)
    {
        try
        {
            if (provider == DatabaseProvider.Postgres)
            {
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new StartupException("Conclave:Database:ConnectionString is required when the provider is 'postgres'.");
                }

                var builder = new NpgsqlConnectionStringBuilder(connectionString);
                if (string.IsNullOrEmpty(builder.Host))
                {
                    throw new StartupException("Conclave:Database:ConnectionString names no Host.");
                }

                return builder.ConnectionString;
            }

            var sqlite = new SqliteConnectionStringBuilder(connectionString ?? $"Data Source={Path.Combine(dataPath, "conclave.db")}");
            if (string.IsNullOrEmpty(sqlite.DataSource))
            {
                throw new StartupException("Conclave:Database:ConnectionString names no Data Source.");
            }

            return sqlite.ConnectionString;
        }
        catch (ArgumentException e)
        {
            // The builders throw on unknown keywords and bad values; the message names the keyword, never a password.
            throw new StartupException($"Conclave:Database:ConnectionString is not valid: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>Applies the provider's migrations; SQLite is switched to WAL journaling first.</summary>
    public static async Task MigrateAsync(ConclaveDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            if (db.Database.IsSqlite())
            {
                var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
                var folder = Path.GetDirectoryName(Path.GetFullPath(source));
                if (folder is not null)
                {
                    System.IO.Directory.CreateDirectory(folder);
                }

                if (source != ":memory:" && !string.IsNullOrEmpty(source))
                {
                    // The database holds password hashes and authenticator keys: owner-only from its creation.
                    DataFolder.EnsureOwnerOnlyFile(Path.GetFullPath(source));
                }

                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (DbException e)
        {
            throw new StartupException($"Cannot open the database: {FirstLine(e.Message)}", e);
        }
        catch (InvalidOperationException e) when (e.InnerException is DbException inner)
        {
            throw new StartupException($"Cannot open the database: {FirstLine(inner.Message)}", e);
        }
        finally
        {
            if (db.Database.IsSqlite())
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
