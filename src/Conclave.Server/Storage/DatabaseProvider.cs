namespace Conclave.Server.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
