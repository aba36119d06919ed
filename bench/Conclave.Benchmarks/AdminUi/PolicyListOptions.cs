using System.Globalization;

namespace Conclave.Benchmarks.AdminUi;

/// <summary>
/// What <c>admin-policy-list</c> seeds and measures: <c>--users</c> (default 1,000), <c>--policies</c> (default 200),
/// <c>--runs</c> per way of opening the list (default 10), <c>--threshold-ms</c> for the median (default 1,000;
/// <c>0</c>: none, for a smoke run), <c>--out</c> a file for the Markdown tables, <c>--web-root</c> another build of the
/// web app to serve (default: the production build beside this program), to compare two builds on the same machine.
/// </summary>
internal sealed record PolicyListOptions(int Users, int Policies, int Runs, double ThresholdMs, string? Out, string? WebRoot)
{
    /// <summary>The figure: the policy list interactive under 1 s with 1,000 users and 200 policies.</summary>
    public const double DefaultThresholdMs = 1000;

    /// <summary>Requests in flight while seeding: enough to keep both cores busy without queueing at the server's gates.</summary>
    public const int SeedParallelism = 8;

    /// <summary>A group per this many users (each user is in one group).</summary>
    public const int UsersPerGroup = 50;

    public static PolicyListOptions Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        var options = new PolicyListOptions(
            Number(values, "users", 1000),
            Number(values, "policies", 200),
            Number(values, "runs", 10),
            double.Parse(values.GetValueOrDefault("threshold-ms", DefaultThresholdMs.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            values.GetValueOrDefault("out"),
            values.GetValueOrDefault("web-root"));
        if (options.Users < 2 || options.Policies < 4 || options.Runs < 1)
        {
            throw new ArgumentException("Need --users 2 or more, --policies 4 or more and --runs 1 or more.");
        }

        return options;
    }

    public int Groups => Math.Max(1, Users / UsersPerGroup);

    private static int Number(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
