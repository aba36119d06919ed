namespace Conclave.Server.Storage;

/// <summary>Configuration section <c>Conclave:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Conclave:Database";

    /// <summary>Embedded: one file in the data folder, nothing else to run (DESIGN.md, Storage).</summary>
    public const string DefaultProvider = "sqlite";

    /// <summary><c>sqlite</c> (default, a file in the data folder) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = DefaultProvider;

    /// <summary>Required for PostgreSQL; for SQLite defaults to <c>Data Source=DATA/conclave.db</c>.</summary>
    public string? ConnectionString { get; set; }
}
