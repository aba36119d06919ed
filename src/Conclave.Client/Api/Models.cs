using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conclave.Client.Api;

/// <summary>Fields a newer server adds are kept, so a client never silently drops what it was told.</summary>
public abstract record ApiObject
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary><c>GET /api/me</c>. An app registration (client credentials) has no <see cref="Upn"/>.</summary>
public sealed record Me(string Id, string? Upn, string? DisplayName, string? Kind, IReadOnlyList<string>? Roles, bool MfaEnabled) : ApiObject;

/// <summary>A directory user. <see cref="OneTimePassword"/> is set only when the server generated one at creation.</summary>
public sealed record User(
    string Id,
    string Upn,
    string DisplayName,
    string? Kind,
    bool? Enabled,
    bool? LicensedToScheduleMeetings,
    string? OneTimePassword) : ApiObject;

public sealed record NewUser(string Upn, string DisplayName, string? Password, string? Kind, bool? LicensedToScheduleMeetings);

public sealed record UserUpdate(string? DisplayName, bool? Enabled, bool? LicensedToScheduleMeetings);

public sealed record Group(string? Id, string Name, string? MailNickname, IReadOnlyList<string>? Members) : ApiObject;

public sealed record NewGroup(string Name, string? MailNickname);

/// <summary>An app registration. <see cref="ClientSecret"/> is set only in the answer that created it or gave it a new secret.</summary>
public sealed record AppRegistration(string ClientId, string? ClientSecret, string? DisplayName, IReadOnlyList<string>? Roles, bool? Enabled = null) : ApiObject;

/// <summary>Only the members set change; an empty <see cref="Roles"/> removes every role.</summary>
public sealed record AppRegistrationUpdate(string? DisplayName, bool? Enabled, IReadOnlyList<string>? Roles);

/// <summary>One audit record; the server decides the exact fields, all of which are kept.</summary>
public sealed record AuditRecord : ApiObject;

public sealed record AuditQuery(DateTimeOffset? From, DateTimeOffset? To, string? Actor, string? Action, int? Take);

/// <summary>The admin roles of docs/api.md.</summary>
public static class AdminRoles
{
    public const string GlobalAdministrator = "GlobalAdministrator";
    public const string TeamsAdministrator = "TeamsAdministrator";
    public const string ComplianceAdministrator = "ComplianceAdministrator";

    public static IReadOnlyList<string> All { get; } = [GlobalAdministrator, TeamsAdministrator, ComplianceAdministrator];
}

/// <summary>The participant kinds of docs/api.md.</summary>
public static class UserKinds
{
    public static IReadOnlyList<string> All { get; } = ["Member", "Guest", "Federated", "Anonymous", "Pstn"];
}

/// <summary>
/// One call of <c>GET /api/me/calls</c> as the signed-in user sees it: <see cref="Direction"/> Outgoing or Incoming,
/// <see cref="PeerUpn"/> the other party, <see cref="Mode"/> E2ee or Standard, <see cref="Missed"/> when she missed it.
/// </summary>
public sealed record CallHistoryEntry(
    Guid CallId,
    string Direction,
    string PeerUpn,
    DateTimeOffset PlacedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset EndedAt,
    string EndReason,
    string Mode,
    bool Missed) : ApiObject;

/// <summary>A page of call history, newest first; <see cref="NextBefore"/> asks for the next (older) page, null on the last.</summary>
public sealed record CallHistoryPage(IReadOnlyList<CallHistoryEntry> Calls, Guid? NextBefore) : ApiObject;

/// <summary>
/// <see cref="Take"/>: 1 to 200 calls (the server's default 50); <see cref="Before"/>: a page's <see cref="CallHistoryPage.NextBefore"/>;
/// <see cref="MissedOnly"/>: only the calls the user missed.
/// </summary>
public sealed record CallHistoryQuery(int? Take = null, Guid? Before = null, bool MissedOnly = false);
