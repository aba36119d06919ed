namespace Conclave.Cli;

/// <summary>The process exit codes scripts branch on.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The server answered and refused (4xx/5xx problem details, OAuth error).</summary>
    public const int Refused = 1;

    /// <summary>The command line was wrong: unknown verb or parameter, bad value, missing input, not signed in.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached: connection refused, TLS failure, certificate pin mismatch.</summary>
    public const int Unreachable = 3;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
