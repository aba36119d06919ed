namespace Conclave.Contracts.Api;

// /api/admin/users, /api/admin/roles and /api/me (docs/api.md).

/// <summary>A user as the API shows it. <paramref name="OneTimePassword"/> is set only in the answer that created the user with a generated password.</summary>
public sealed record UserView(
    string Id,
    string Upn,
    string DisplayName,
    string Kind,
    bool Enabled,
    bool LicensedToScheduleMeetings,
    IReadOnlyList<string> Roles,
    bool MfaEnabled,
    string? OneTimePassword = null) : ApiView;

/// <summary>POST /api/admin/users. Without <paramref name="Password"/> the server generates a one-time one.</summary>
public sealed record CreateUser(string? Upn, string? DisplayName, string? Password, string? Kind, bool? LicensedToScheduleMeetings);

/// <summary>
/// PATCH /api/admin/users/{idOrUpn}: only the members given change. <paramref name="Kind"/> is one of the kinds
/// with an account (Member, Guest, Federated); changing it ends the user's sessions.
/// </summary>
public sealed record UpdateUser(string? DisplayName, bool? Enabled, bool? LicensedToScheduleMeetings, string? Kind = null);

/// <summary>POST /api/admin/roles: gives <paramref name="Role"/> to <paramref name="User"/> (an id or a UPN).</summary>
public sealed record GrantRole(string? User, string? Role);

/// <summary>GET /api/me. An app registration (client credentials) has no <paramref name="Upn"/>.</summary>
public sealed record MeView(string? Id, string? Upn, string? DisplayName, string? Kind, IReadOnlyList<string> Roles, bool MfaEnabled) : ApiView;
