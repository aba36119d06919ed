using System.Net;
using System.Text.RegularExpressions;
using Conclave.Server.Tests.Hosting;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// The README's set-up as a new user follows it: <c>dotnet run --project src/Conclave.Server</c> in a
/// fresh checkout serves the built web app at <c>/</c>, its script included, with no step of its own
/// (./test.sh runs this from a clean clone in CI).
/// </summary>
public sealed partial class ReadmeRunCommandTests
{
    [Fact]
    public async Task ReadmeRunCommand_ServesTheBuiltAppAtTheRoot_WithItsScript()
    {
        using var server = new ServerProcess { Command = ServerProcess.ReadmeRunCommand };
        // dotnet run starts the server in the project's folder, so its default ./data would be the checkout's
        // src/Conclave.Server/data: the test keeps its state in a folder of its own.
        var data = Path.Combine(server.WorkingDirectory, "data");
        using var running = await server.StartAsync("--urls", "https://127.0.0.1:0", "--data", data);
        using var client = running.CreateClient();

        using var index = await client.GetAsync("/");
        var html = await index.Content.ReadAsStringAsync();
        var script = ModuleScript().Match(html);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("<div id=\"root\"></div>", html, StringComparison.Ordinal);
        Assert.True(script.Success, html);

        using var bundle = await client.GetAsync(script.Groups["src"].Value);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("<script type=\"module\"[^>]*src=\"(?<src>/assets/[^\"]+\\.js)\"")]
    private static partial Regex ModuleScript();
}
