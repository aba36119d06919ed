namespace Conclave.Cli.Output;

/// <summary><c>-o table</c> (default, for people) or <c>-o json</c> (for scripts).</summary>
internal enum OutputFormat
{
    Table,
    Json,
}
