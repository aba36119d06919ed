using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Conclave.Server.Storage;

/// <summary>Used by <c>dotnet ef migrations add</c> only.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteConclaveDbContext>
{
    public SqliteConclaveDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteConclaveDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Used by <c>dotnet ef migrations add</c> only.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresConclaveDbContext>
{
    public PostgresConclaveDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresConclaveDbContext>().UseNpgsql("Host=127.0.0.1;Database=design").Options);
}
