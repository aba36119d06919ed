using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// Runs <c>tests/e2e/call-page.mjs</c> under node: Debian's Chromium headless, driven by Playwright, on
/// the server's own call page. Each command carries a sequence number and gets exactly one reply with
/// it, so commands to different pages run at the same time.
/// </summary>
internal sealed class CallPageDriver : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _waiting = new();
    private readonly TaskCompletionSource<JsonObject> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _stdin = new(1, 1);
    private int _sequence;

    private CallPageDriver(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
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

    public static string ScreenshotDirectory { get; } = Path.Combine(E2eDirectory, "screenshots");

    public string BrowserVersion { get; private set; } = "";

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

    /// <summary>Starts node and Chromium; <paramref name="toneHz"/> is what the fake microphone plays.</summary>
    public static async Task<CallPageDriver> StartAsync(double toneHz, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node", "call-page.mjs")
        {
            WorkingDirectory = E2eDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["CALL_PAGE_TONE_HZ"] = toneHz.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var driver = new CallPageDriver(Process.Start(start) ?? throw new InvalidOperationException("node did not start"));
        try
        {
            var hello = await driver._hello.Task.WaitAsync(cancellationToken);
            driver.BrowserVersion = (string?)hello["version"] ?? "";
        }
        catch (OperationCanceledException e)
        {
            var log = driver.Diagnostics;
            await driver.DisposeAsync();
            throw new InvalidOperationException($"the call page driver did not start; its log:\n{log}", e);
        }

        return driver;
    }

    /// <summary>Sends one command and waits (bounded) for its reply.</summary>
    public async Task<JsonObject> SendAsync(JsonObject command, TimeSpan timeout)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        command["seq"] = sequence;
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[sequence] = reply;
        await _stdin.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(command.ToJsonString());
            await _process.StandardInput.FlushAsync();
        }
        finally
        {
            _stdin.Release();
        }

        try
        {
            return await reply.Task.WaitAsync(timeout);
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"no reply to {command.ToJsonString()} within {timeout}; the driver's log:\n{Diagnostics}", e);
        }
        finally
        {
            _waiting.TryRemove(sequence, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("{\"op\":\"exit\"}");
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
        _stdin.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            foreach (var waiting in _waiting.Values)
            {
                waiting.TrySetException(new InvalidOperationException($"the call page driver exited; its log:\n{Diagnostics}"));
            }

            _hello.TrySetException(new InvalidOperationException($"the call page driver exited; its log:\n{Diagnostics}"));
            return;
        }

        if (!line.StartsWith('{'))
        {
            return;
        }

        JsonObject? message;
        try
        {
            message = JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            return;
        }

        if (message is null)
        {
            return;
        }

        if ((string?)message["op"] == "hello")
        {
            _hello.TrySetResult(message);
        }
        else if (message["seq"] is JsonValue seq && seq.TryGetValue<int>(out var sequence) && _waiting.TryGetValue(sequence, out var waiting))
        {
            waiting.TrySetResult(message);
        }
    }
}
