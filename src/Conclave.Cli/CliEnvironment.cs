using Conclave.Client.Auth;

namespace Conclave.Cli;

/// <summary>
/// Everything the command reads from or writes to the outside, so that tests run it in-process with redirected
/// streams, their own configuration folder and a fake clock.
/// </summary>
internal sealed record CliEnvironment
{
    public required TextReader In { get; init; }

    /// <summary>Results (tables, JSON).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Progress, prompts, notices and errors.</summary>
    public required TextWriter Error { get; init; }

    public required string ConfigDirectory { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>True when stdin is a terminal: hidden input is then read key by key.</summary>
    public bool InteractiveInput { get; init; }

    /// <summary>True when stdout is a terminal: tables may use colour and the terminal's width.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>True when stderr is a terminal: pictures such as a QR code are worth drawing.</summary>
    public bool ErrorIsTerminal { get; init; }

    public static CliEnvironment FromProcess() => new()
    {
        In = Console.In,
        Out = Console.Out,
        Error = Console.Error,
        ConfigDirectory = ProfileStore.DefaultDirectory(Environment.GetEnvironmentVariable),
        InteractiveInput = !Console.IsInputRedirected,
        OutputIsTerminal = !Console.IsOutputRedirected,
        ErrorIsTerminal = !Console.IsErrorRedirected,
    };
}
