using System.Diagnostics;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// web/WebApp.targets, which builds the web app with the server: without Node.js the build stops with one
/// clear line that says what to install.
/// </summary>
[Trait("Category", "Browser")]
public sealed class WebAppBuildTests
{
    private const string NodeMissing = "Node.js 20 or later is needed to build the web app in web/: install it (e.g. apt-get install nodejs npm)";

    private static readonly string Targets = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(CallPageDriver.E2eDirectory)!, "..", "web", "WebApp.targets"));

    [Fact]
    public async Task WithoutNode_TheBuildFails_SayingWhatToInstall()
    {
        // A PATH with the shell MSBuild's Exec runs commands in, and no node.
        var empty = System.IO.Directory.CreateTempSubdirectory("conclave-no-node-");
        try
        {
            File.CreateSymbolicLink(Path.Combine(empty.FullName, "sh"), "/bin/sh");
            var (exitCode, output) = await CheckNodeAsync(empty.FullName);

            Assert.NotEqual(0, exitCode);
            Assert.Contains(NodeMissing, output, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task WithNode_TheCheckPasses()
    {
        var (exitCode, output) = await CheckNodeAsync(Environment.GetEnvironmentVariable("PATH") ?? "");

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain(NodeMissing, output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> CheckNodeAsync(string path)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        if (!Path.IsPathRooted(dotnet))
        {
            dotnet = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, "dotnet")).First(File.Exists);
        }

        var start = new ProcessStartInfo(dotnet, ["msbuild", Targets, "-t:WebAppCheckNode", "-nologo", "-nodeReuse:false", "-v:m"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PATH"] = path;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
