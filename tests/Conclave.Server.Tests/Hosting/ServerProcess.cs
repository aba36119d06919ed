using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Conclave.Server.Tests.Hosting;

/// <summary>Runs the built server as its own process, as an operator would, in a temp working folder.</summary>
public sealed class ServerProcess : IDisposable
{
    public string WorkingDirectory { get; } = Path.Combine(Path.GetTempPath(), "conclave-proc-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));

    public ServerProcess() => System.IO.Directory.CreateDirectory(WorkingDirectory);

    public Dictionary<string, string> Environment { get; } = [];

    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "Conclave.Server.dll");

    /// <summary>
    /// What <c>dotnet</c> runs before the server's own arguments: the built server beside the tests by default;
    /// <see cref="ReadmeRunCommand"/> to start it the way the README tells a new user to.
    /// </summary>
    public IReadOnlyList<string> Command { get; init; } = [ServerDll];

    /// <summary>
    /// The README's <c>dotnet run --project src/Conclave.Server</c>, of the build the tests run against
    /// (Release, already built: a build here would race the other tests' use of the same output).
    /// </summary>
    public static IReadOnlyList<string> ReadmeRunCommand =>
        ["run", "--project", Path.Combine(RepositoryFolder.Root, "src", "Conclave.Server"), "-c", "Release", "--no-build", "--"];

    /// <summary>
    /// Runs to exit and returns exit code, stdout, stderr. The bound only catches a server that never exits: a refused
    /// start takes a second on a quiet machine, but a minute has been seen on a heavily loaded one.
    /// </summary>
    public async Task<(int ExitCode, string Output, string Error)> RunToExitAsync(params string[] args)
    {
        using var process = Start(args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts the server and reads its output until it says it is listening; then stops it.</summary>
    public async Task<string> RunUntilListeningAsync(params string[] args)
    {
        using var process = Start(args);
        var output = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.AppendLine(line);
                if (line.StartsWith("Listening on ", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return output.ToString();
    }

    /// <summary>
    /// Starts the server and returns once it listens. It runs until <see cref="RunningServer.Kill"/>
    /// (SIGKILL, as a crash or an operator's kill -9 would end it) or until disposed.
    /// </summary>
    public async Task<RunningServer> StartAsync(params string[] args)
    {
        var process = Start(args);
        var output = new StringBuilder();
        string? fingerprint = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.AppendLine(line);
                if (line.StartsWith(RunningServer.FingerprintPrefix, StringComparison.Ordinal))
                {
                    fingerprint = line[RunningServer.FingerprintPrefix.Length..].Trim();
                }
                else if (line.StartsWith("Listening on ", StringComparison.Ordinal) && fingerprint is not null)
                {
                    return new RunningServer(process, new Uri(line["Listening on ".Length..].Trim()), fingerprint, output.ToString());
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        var error = process.HasExited ? await process.StandardError.ReadToEndAsync(CancellationToken.None) : "";
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None);
        process.Dispose();
        throw new InvalidOperationException($"The server did not start listening:\n{output}{error}");
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Process Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in Command.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The in-process TURN relay on an ephemeral loopback port, so parallel servers never clash on 3478.
        start.Environment["Conclave__Relay__ListenAddress"] = "127.0.0.1";
        start.Environment["Conclave__Relay__UdpPort"] = "0";
        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }
}
