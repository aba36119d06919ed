namespace Conclave.Contracts.Api;

/// <summary>
/// GET /api/me/turn-credentials: TURN REST credentials (draft-uberti-behave-turn-rest) valid for <paramref name="Ttl"/>
/// seconds, and the relay's URIs.
/// </summary>
public sealed record TurnCredentialsView(string Username, string Password, long Ttl, IReadOnlyList<string> Uris);

/// <summary>GET /healthz.</summary>
public sealed record Health(string Status);
