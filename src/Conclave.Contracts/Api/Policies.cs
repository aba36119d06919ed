using System.Text.Json;

namespace Conclave.Contracts.Api;

// /api/admin/policies and /api/me/e2ee-calls (docs/api.md); policy views are JSON objects shaped by each policy type's schema.

/// <summary>POST /api/admin/policies/{type}: a new policy, its parameters by Teams name.</summary>
public sealed record NewPolicy(string? Identity, Dictionary<string, JsonElement>? Parameters);

/// <summary>PATCH /api/admin/policies/{type}/{identity}: only the parameters given change.</summary>
public sealed record SetPolicy(Dictionary<string, JsonElement>? Parameters);

/// <summary>POST /api/admin/policies/{type}/grants: exactly one of <paramref name="User"/>, <paramref name="Group"/> or <paramref name="Global"/>.</summary>
public sealed record GrantPolicy(string? User, string? Group, bool? Global, string? PolicyName, int? Rank);

/// <summary>PUT /api/me/e2ee-calls.</summary>
public sealed record SetE2eeCalls(string? Setting);
