namespace Conclave.Contracts.Api;

// /api/admin/apps (docs/api.md).

/// <summary>POST /api/admin/apps.</summary>
public sealed record CreateApp(string? DisplayName, string[]? Roles);

/// <summary>PATCH /api/admin/apps/{clientId}: only the members given change; <c>roles: []</c> removes every role.</summary>
public sealed record UpdateApp(string? DisplayName, bool? Enabled, string[]? Roles);

/// <summary>An app registration as the API shows it (never its secret).</summary>
public sealed record AppView(string ClientId, string DisplayName, IReadOnlyList<string> Roles, bool Enabled, DateTimeOffset CreatedAt) : ApiView;

/// <summary>An app's client secret, shown once: in the answer that created it or gave it a new one.</summary>
public sealed record AppSecret(string ClientId, string ClientSecret) : ApiView;

/// <summary>POST /api/admin/apps: the new app with its secret.</summary>
public sealed record CreatedApp(string ClientId, string ClientSecret, string DisplayName, IReadOnlyList<string> Roles, bool Enabled, DateTimeOffset CreatedAt) : ApiView;

/// <summary>
/// Roles only an app registration holds, beside the admin roles (<see cref="AdminRoleNames"/>). Granting one takes a
/// Global administrator.
/// </summary>
public static class AppRoleNames
{
    /// <summary>An MDM integration: marks users' devices compliant or not (PUT /api/admin/devices/{id}/compliance), nothing else.</summary>
    public const string DeviceCompliance = "Conclave.DeviceCompliance";

    public static IReadOnlyList<string> All { get; } = [DeviceCompliance];
}
