namespace Conclave.Cli.Tests;

/// <summary>Runs the <c>conclave</c> entry point in-process with redirected streams and its own configuration folder.</summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness(TimeProvider? time = null)
    {
        ConfigDirectory = Directory.CreateTempSubdirectory("conclave-cli-").FullName;
        Time = time ?? TimeProvider.System;
    }

    public string ConfigDirectory { get; }

    public TimeProvider Time { get; }

    public void Dispose() => Directory.Delete(ConfigDirectory, recursive: true);

    public Task<CliRun> RunAsync(params string[] args) => RunWithInputAsync("", args);

    public async Task<CliRun> RunWithInputAsync(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await RunAsync(new StringReader(stdin), output, error, CancellationToken.None, args);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public Task<int> RunAsync(TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, params string[] args) =>
        CliApp.RunAsync(
            args,
            new CliEnvironment
            {
                In = stdin,
                Out = stdout,
                Error = stderr,
                ConfigDirectory = ConfigDirectory,
                Time = Time,
                InteractiveInput = false,
                OutputIsTerminal = false,
            },
            cancellationToken);
}

internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
