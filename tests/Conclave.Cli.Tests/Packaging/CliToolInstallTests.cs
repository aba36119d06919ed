using System.Diagnostics;

namespace Conclave.Cli.Tests.Packaging;

/// <summary>
/// The README's way to get the <c>conclave</c> command: scripts/install-cli.sh packs the CLI as a .NET tool and
/// installs it. Installed here into a temporary tool path and run from there, as a shell would find it on the PATH.
/// </summary>
public sealed class CliToolInstallTests : IDisposable
{
    /// <summary>Packing (without building again) and installing take some 30 s on an idle machine; generous for a loaded one.</summary>
    private static readonly TimeSpan InstallLimit = TimeSpan.FromMinutes(4);

    private readonly DirectoryInfo _tools = Directory.CreateTempSubdirectory("conclave-tool-");

    public void Dispose() => _tools.Delete(recursive: true);

    [Fact]
    public async Task InstallScript_PutsConclaveInTheToolPath_AndItRuns()
    {
        var root = RepositoryRoot();
        // The test assembly sits in bin/<Configuration>/: pack what that build made, without building again.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        var toolPath = Path.Combine(_tools.FullName, "bin");

        var install = await RunAsync("bash", [Path.Combine(root, "scripts", "install-cli.sh"), "--tool-path", toolPath, "--configuration", configuration, "--no-build"], InstallLimit);
        Assert.True(install.ExitCode == 0, install.ToString());

        var help = await RunAsync(Path.Combine(toolPath, "conclave"), ["--help"], Bounded.CallRunLimit);
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("Usage:", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("admin", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("password", help.Stdout, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Conclave.slnx")))
                return directory.FullName;
        }
        throw new InvalidOperationException("The repository root (Conclave.slnx) is not above " + AppContext.BaseDirectory);
    }

    private static async Task<CliRun> RunAsync(string file, IReadOnlyList<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // The tool's own first-run banner and telemetry notice would only add noise to what is checked.
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
