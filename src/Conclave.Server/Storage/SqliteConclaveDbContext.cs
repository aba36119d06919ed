using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Conclave.Server.Storage;

/// <summary>The embedded default store (SQLite in WAL mode), with its own migrations.</summary>
public sealed class SqliteConclaveDbContext(DbContextOptions<SqliteConclaveDbContext> options) : ConclaveDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset text; a binary (ticks) column keeps UTC order.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
