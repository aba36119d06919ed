using System.Text.Json;
using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.ConditionalAccess;

/// <summary>The conditional access cmdlets' calls to /api/admin/conditional-access and /api/admin/devices (docs/api.md, "Conditional access").</summary>
internal static class ConditionalAccessApi
{
    public const string Base = "api/admin/conditional-access/";

    public static readonly IReadOnlyList<string> States = ["Enabled", "Disabled", "ReportOnly"];

    public static readonly IReadOnlyList<string> Applications = ["All", "SignIn", "Chat", "AdminApi", "SecureLabels"];

    public static readonly IReadOnlyList<string> GrantControls = ["Block", "RequireMfa", "RequireCompliantDevice"];

    public static string Segment(string name) => Uri.EscapeDataString(name);

    public static Task<T> SendAsync<T>(ConclaveApiClient api, HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        api.SendAsync<T>(method, Base + path, body, cancellationToken);

    public static async Task<CmdletResult> RemoveAsync(ConclaveApiClient api, string path, string name, CancellationToken cancellationToken)
    {
        await SendAsync<JsonElement>(api, HttpMethod.Delete, path + Segment(name), null, cancellationToken);
        return new CmdletResult(new { name, removed = true });
    }
}
