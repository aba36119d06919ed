using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Policies;

/// <summary>A server on PostgreSQL (see <see cref="TestPostgres"/>): a fresh database per fixture.</summary>
public sealed class PostgresServerFixture : ServerFixture
{
    protected override TestHostOptions Options => new() { Database = TestDatabase.Postgres };
}
