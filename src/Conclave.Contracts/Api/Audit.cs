using System.Text.Json;

namespace Conclave.Contracts.Api;

/// <summary>One audit record of GET /api/admin/audit; <paramref name="Details"/> is the action's own facts.</summary>
public sealed record AuditView(long Id, DateTimeOffset Time, string? ActorId, string? ActorUpn, string Action, string? Target,
    string? FromAddress, string Outcome, JsonElement? Details) : ApiView;
