using System.Globalization;

namespace Conclave.Server.Tests.Observability;

/// <summary>Reads a Prometheus text exposition: the samples of one metric family, summed over their labels.</summary>
internal static class Scrape
{
    public static bool Has(string exposition, string family) => Samples(exposition, family).Any();

    public static double Sum(string exposition, string family) => Samples(exposition, family).Sum();

    private static IEnumerable<double> Samples(string exposition, string family)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(family, StringComparison.Ordinal)
                || line.Length == family.Length || (line[family.Length] != '{' && line[family.Length] != ' '))
            {
                continue;
            }

            // "name{labels} value [timestamp]": the value follows the closing brace, or the name.
            var rest = line[family.Length] == '{' ? line[(line.IndexOf("} ", StringComparison.Ordinal) + 2)..] : line[(family.Length + 1)..];
            yield return double.Parse(rest.Split(' ')[0], CultureInfo.InvariantCulture);
        }
    }
}
