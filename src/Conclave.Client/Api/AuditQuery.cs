namespace Conclave.Client.Api;

/// <summary>
/// The filters of <c>GET /api/admin/audit</c>, sent as its query string: records at or after <see cref="From"/> and
/// before <see cref="To"/>, by one <see cref="Actor"/> (UPN or id), of one <see cref="Action"/>, at most <see cref="Take"/>.
/// </summary>
public sealed record AuditQuery(DateTimeOffset? From, DateTimeOffset? To, string? Actor, string? Action, int? Take);
