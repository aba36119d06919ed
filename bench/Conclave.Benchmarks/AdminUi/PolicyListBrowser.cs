using System.Diagnostics;
using System.Text.Json;

namespace Conclave.Benchmarks.AdminUi;

/// <summary>
/// Runs <c>tests/e2e/policy-list-timing.mjs</c> under node: Debian's Chromium, headless, driven by Playwright,
/// signed in through the server's sign-in page with a recovery code. Returns what the script measured.
/// </summary>
internal static class PolicyListBrowser
{
    /// <summary>Generous for a busy 2-core machine, but bounded.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    public static async Task<BrowserRuns> RunAsync(AdminBenchServer server, SeedSummary seed, int runs, CancellationToken cancellationToken)
    {
        var e2e = Path.Combine(RepositoryRoot(), "tests", "e2e");
        var config = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
            {
                baseUrl = server.BaseAddress.ToString(),
                upn = AdminBenchServer.AdminUpn,
                password = AdminBenchServer.AdminPassword,
                recoveryCode = server.NextRecoveryCode(),
                type = seed.ListedType,
                expectedRows = seed.ListedRows,
                runs,
            }), cancellationToken);

            var start = new ProcessStartInfo("node") { WorkingDirectory = e2e, RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("policy-list-timing.mjs");
            start.ArgumentList.Add(config);
            using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Limit);
            string output;
            try
            {
                output = await node.StandardOutput.ReadToEndAsync(limit.Token);
                await node.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                node.Kill(entireProcessTree: true);
                throw new TimeoutException($"The browser runs took longer than {Limit.TotalMinutes} minutes.");
            }

            if (node.ExitCode != 0)
            {
                throw new InvalidOperationException($"policy-list-timing.mjs failed (exit code {node.ExitCode}); its log is above.");
            }

            return JsonSerializer.Deserialize<BrowserRuns>(output, JsonSerializerOptions.Web)
                ?? throw new InvalidOperationException("policy-list-timing.mjs printed no result.");
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Conclave.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository (Conclave.slnx) is not above " + AppContext.BaseDirectory);
    }
}

/// <summary>The script's answer: Chromium's version and the runs of each way of opening the list.</summary>
internal sealed record BrowserRuns(string Chromium, BrowserRun[] Cold, BrowserRun[] Warm, BrowserRun[] InApp);

/// <summary>
/// One opening of the list: milliseconds to all rows shown and to the editor opened by a click on the first row, and of
/// that the page's own answer to the click (from its input event to the editor shown).
/// </summary>
internal sealed record BrowserRun(int Rows, double RowsMs, double InteractiveMs, double ClickAnswerMs, ApiResponse[] Api, PageResource[] Resources);

/// <summary>One fetch as the page's Resource Timing saw it: ms from the opening's start, and bytes (0 when served from the cache).</summary>
internal sealed record PageResource(string Path, double Start, double End, long Encoded, long Decoded);

/// <summary>One API response the page fetched: its path, status, body bytes (decoded) and bytes on the wire (null when unknown).</summary>
internal sealed record ApiResponse(string Path, int Status, long? Bytes, long? Transferred);
