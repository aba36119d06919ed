using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Storage;

/// <summary>The PostgreSQL store, with its own migrations.</summary>
public sealed class PostgresConclaveDbContext(DbContextOptions<PostgresConclaveDbContext> options) : ConclaveDbContext(options);
