using System.Text.Json.Nodes;

namespace Conclave.Server.Audit;

/// <summary>What a feature reports to <see cref="IAuditLog"/>: who, what, on what, from where, how it ended.</summary>
/// <param name="Action">A stable dotted name, e.g. <c>signin</c>, <c>admin.user.create</c>, <c>admin.denied</c>.</param>
/// <param name="Outcome">Success, failure, or denied (403).</param>
/// <param name="ActorId">The acting user or app (token subject), if known.</param>
/// <param name="ActorUpn">The acting user's UPN, if known.</param>
/// <param name="Target">What was acted on (a UPN, group, client id, or method and path).</param>
/// <param name="FromAddress">The client's IP address.</param>
/// <param name="Details">Extra facts; for changes <c>{ "before": ..., "after": ... }</c>. Never secrets.</param>
public sealed record AuditEntry(
    string Action,
    AuditOutcome Outcome,
    string? ActorId = null,
    string? ActorUpn = null,
    string? Target = null,
    string? FromAddress = null,
    JsonObject? Details = null);
