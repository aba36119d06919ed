using System.Diagnostics;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// The builds of the web app that the server and the test hosts serve: the production build has no test hook
/// and keeps the sign-in screen's JavaScript under its budget (web/scripts/bundle-size.mjs, run by node).
/// </summary>
[Trait("Category", "Browser")]
public sealed class WebAppBundleTests
{
    private const string TestHook = "conclaveCall";

    /// <summary>The production build, as building the server copies it beside the tests (web/WebApp.targets).</summary>
    private static readonly string ProductionBuild = Path.Combine(AppContext.BaseDirectory, "wwwroot", "app");

    private static readonly string BundleCheck = Path.Combine(Path.GetDirectoryName(CallPageDriver.E2eDirectory)!, "..", "web", "scripts", "bundle-size.mjs");

    [Fact]
    public void ProductionBuild_HasNoTestHook_TheTestBuildHasIt()
    {
        static List<string> WithHook(string build) =>
            [.. System.IO.Directory.EnumerateFiles(build, "*.js", SearchOption.AllDirectories).Where(f => File.ReadAllText(f).Contains(TestHook, StringComparison.Ordinal))];

        Assert.True(File.Exists(Path.Combine(ProductionBuild, "index.html")), $"no production build in {ProductionBuild}");
        Assert.Empty(WithHook(ProductionBuild));
        // The check can fail: the same search finds the hook in the test build.
        Assert.NotEmpty(WithHook(TestHost.WebAppTestBuild));
    }

    [Fact]
    public async Task SignInScreen_LoadsUnder250KbOfGzipJavaScript_AndNoInlineScript()
    {
        var start = new ProcessStartInfo("node", [Path.GetFullPath(BundleCheck), ProductionBuild])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(timeout.Token);

        Assert.True(node.ExitCode == 0, $"{await output}\n{await error}");
        Assert.Contains("KB gzip", await output, StringComparison.Ordinal);
    }
}
