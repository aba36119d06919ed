namespace Conclave.Server.Hosting;

/// <summary>
/// Keeps the host's own report of a failed start out of the log: the generic host logs "Hosting failed to
/// start" with the whole exception (a stack trace on the console) before it throws, and the start turns
/// that exception into one line for the operator (<see cref="StartupFailure"/>). Once the server has
/// started, the host's warnings and errors pass again (a background service that fails later is logged).
/// </summary>
public sealed class StartupLogGate
{
    /// <summary>The categories that report a failed start with its exception: the generic host's and the web host's.</summary>
    public static readonly IReadOnlyList<string> Categories = ["Microsoft.Extensions.Hosting.Internal.Host", "Microsoft.AspNetCore.Hosting.Diagnostics"];

    private volatile bool _started;

    /// <summary>A level filter for <see cref="Categories"/>: nothing before <see cref="Open"/>, warnings and above after.</summary>
    public bool Passes(LogLevel level) => _started && level >= LogLevel.Warning;

    /// <summary>The server has started: the host's warnings and errors pass from now on.</summary>
    public void Open() => _started = true;
}
