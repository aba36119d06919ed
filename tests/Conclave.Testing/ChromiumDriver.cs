using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Conclave.Testing;

/// <summary>
/// Runs <c>tests/e2e/media-call.mjs</c> under node: Debian Chromium headless driven by Playwright.
/// Commands go to its stdin and replies come back from its stdout, one JSON object a line.
/// </summary>
public sealed class ChromiumDriver : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonObject> _replies = Channel.CreateUnbounded<JsonObject>();
    private readonly StringBuilder _stderr = new();

    private ChromiumDriver(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _replies.Writer.TryComplete();
            }
            else if (e.Data.StartsWith('{') && JsonNode.Parse(e.Data) is JsonObject reply)
            {
                _replies.Writer.TryWrite(reply);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string E2eDirectory { get; } = Path.Combine(RepositoryFolder.Root, "tests", "e2e");

    public string Diagnostics
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static async Task<ChromiumDriver> StartAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node", "media-call.mjs")
        {
            WorkingDirectory = E2eDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var driver = new ChromiumDriver(Process.Start(start) ?? throw new InvalidOperationException("node did not start"));
        try
        {
            await driver.ExpectAsync("hello", null, cancellationToken);
        }
        catch
        {
            await driver.DisposeAsync();
            throw;
        }

        return driver;
    }

    public async Task SendAsync(object command)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command));
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for the next reply; fails on an error reply or another op.</summary>
    public async Task<JsonObject> ExpectAsync(string op, string? id, CancellationToken cancellationToken)
    {
        JsonObject reply;
        try
        {
            reply = await _replies.Reader.ReadAsync(cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new InvalidOperationException($"no '{op}' from the browser driver; its log:\n{Diagnostics}", e);
        }

        string? got = (string?)reply["op"];
        if (got != op || (id is not null && (string?)reply["id"] != id))
        {
            throw new InvalidOperationException($"expected '{op}' for {id}, got: {reply.ToJsonString()}\n{Diagnostics}");
        }

        return reply;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await SendAsync(new { op = "exit" });
                _process.StandardInput.Close();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(wait.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
