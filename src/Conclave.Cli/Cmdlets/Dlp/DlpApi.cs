using System.Globalization;
using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Cmdlets.Dlp;

/// <summary>The DLP cmdlets' calls to /api/admin/dlp (docs/api.md, "DLP"), and their shared parameter shapes.</summary>
internal static class DlpApi
{
    public const string Base = "api/admin/dlp/";

    public static readonly IReadOnlyList<string> Modes = ["Enable", "TestWithNotifications", "TestWithoutNotifications", "Disable"];

    public static readonly IReadOnlyList<string> AccessScopes = ["None", "InOrganization", "NotInOrganization"];

    public static readonly IReadOnlyList<string> Confidences = ["Low", "Medium", "High"];

    public static string Segment(string name) => Uri.EscapeDataString(name);

    public static Task<T> SendAsync<T>(ConclaveApiClient api, HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        api.SendAsync<T>(method, Base + path, body, cancellationToken);

    /// <summary>
    /// <c>-ContentContainsSensitiveInformation</c> as typed on a command line: each item <c>Name</c>,
    /// <c>Name:MinCount</c> or <c>Name:MinCount:Confidence</c> (Purview's hashtable keys, flattened).
    /// </summary>
    public static IReadOnlyList<SensitiveInformationCondition> Conditions(IReadOnlyList<string> items) =>
        [.. items.Select(Condition)];

    private static SensitiveInformationCondition Condition(string item)
    {
        var parts = item.Split(':');
        if (parts.Length >= 3 && Confidences.Contains(parts[^1], StringComparer.OrdinalIgnoreCase) && int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var count3))
        {
            return new SensitiveInformationCondition(string.Join(':', parts[..^2]).Trim(), count3, parts[^1]);
        }

        if (parts.Length >= 2 && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count2))
        {
            return new SensitiveInformationCondition(string.Join(':', parts[..^1]).Trim(), count2);
        }

        return new SensitiveInformationCondition(item.Trim());
    }
}
