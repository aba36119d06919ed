using System.Globalization;
using System.Text;

namespace Conclave.Benchmarks.AdminUi;

/// <summary>The Markdown tables of a run: timings per way of opening the list, then the API responses of one cold load.</summary>
internal static class PolicyListReport
{
    public static string Tables(SeedSummary seed, BrowserRuns runs)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Chromium {runs.Chromium}. Seeded: {seed.Users:N0} users in {seed.Groups} groups; {seed.PoliciesByType.Values.Sum()} policies ({string.Join(", ", seed.PoliciesByType.Select(p => Invariant($"{p.Value} {p.Key}")))}); {seed.UserGrants:N0} direct grants to users; {seed.GroupAssignments} group assignments with ranks ({seed.Requests:N0} admin API requests in {seed.Elapsed.TotalSeconds:F0} s). The timed list: {seed.ListedType}, {seed.ListedRows} rows (Global included)."));
        text.AppendLine();
        text.AppendLine("| opened by | runs | all rows shown, median (ms) | interactive, median (ms) | interactive, p95 (ms) | min (ms) | max (ms) | the page's answer to the click, median (ms) | API requests |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, list) in Modes(runs))
        {
            var interactive = list.Select(r => r.InteractiveMs).Order().ToArray();
            text.AppendLine(Invariant(
                $"| {name} | {list.Length} | {Median(list.Select(r => r.RowsMs)):F0} | {Median(interactive):F0} | {P95(interactive):F0} | {interactive[0]:F0} | {interactive[^1]:F0} | {Median(list.Select(r => r.ClickAnswerMs)):F0} | {Median(list.Select(r => (double)r.Api.Length)):F0} |"));
        }

        text.AppendLine();
        text.AppendLine("API responses of the first cold load:");
        text.AppendLine();
        text.AppendLine("| request | status | body (KB) | on the wire (KB) |");
        text.AppendLine("|---|---|---|---|");
        foreach (var response in runs.Cold[0].Api)
        {
            text.AppendLine(Invariant($"| GET {response.Path} | {response.Status} | {Kb(response.Bytes)} | {Kb(response.Transferred)} |"));
        }

        foreach (var (name, list) in Modes(runs).Where(m => m.Runs != runs.Warm))
        {
            text.AppendLine();
            text.AppendLine(Invariant($"Where the time goes, {name}: each fetch the page made, medians over the runs, ms from the start:"));
            text.AppendLine();
            text.AppendLine("| fetch | runs | started (ms) | answered (ms) | on the wire (KB) | body (KB) |");
            text.AppendLine("|---|---|---|---|---|---|");
            foreach (var fetch in list.SelectMany(r => r.Resources).GroupBy(r => r.Path).OrderBy(g => Median(g.Select(r => r.Start))))
            {
                text.AppendLine(Invariant(
                    $"| {fetch.Key} | {fetch.Count()} | {Median(fetch.Select(r => r.Start)):F0} | {Median(fetch.Select(r => r.End)):F0} | {Median(fetch.Select(r => (double)r.Encoded)) / 1024:F1} | {Median(fetch.Select(r => (double)r.Decoded)) / 1024:F1} |"));
            }

            text.AppendLine(Invariant($"| (every row shown) | {list.Length} | | {Median(list.Select(r => r.RowsMs)):F0} | | |"));
            text.AppendLine(Invariant($"| (the editor open after the click on Edit: interactive) | {list.Length} | | {Median(list.Select(r => r.InteractiveMs)):F0} | | |"));
        }

        return text.ToString();
    }

    /// <summary>Whether every way of opening the list has its median under <paramref name="thresholdMs"/>.</summary>
    public static bool AllUnder(BrowserRuns runs, double thresholdMs) =>
        Modes(runs).All(m => Median(m.Runs.Select(r => r.InteractiveMs)) < thresholdMs);

    public static IEnumerable<(string Name, BrowserRun[] Runs)> Modes(BrowserRuns runs) =>
    [
        ("a new browser profile loading the address (cold)", runs.Cold),
        ("the same page loading it again (warm)", runs.Warm),
        ("a click on Policies in the admin center (in the app)", runs.InApp),
    ];

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Nearest-rank 95th percentile of sorted values.</summary>
    private static double P95(double[] sorted) => sorted[Math.Max(0, (int)Math.Ceiling(0.95 * sorted.Length) - 1)];

    private static string Kb(long? bytes) => bytes is { } b ? Invariant($"{b / 1024.0:F1}") : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
