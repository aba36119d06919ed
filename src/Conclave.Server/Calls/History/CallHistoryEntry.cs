namespace Conclave.Server.Calls;

/// <summary>
/// One call as a party sees it in <c>GET /api/me/calls</c>: <paramref name="Direction"/> is Outgoing or
/// Incoming, <paramref name="PeerUpn"/> the other party. <paramref name="Mode"/> is E2ee or Standard.
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
    bool Missed);

/// <summary>
/// A page of history, newest first. <paramref name="NextBefore"/> is the <c>before</c> of the next (older)
/// page, or null when this page is the last.
/// </summary>
public sealed record CallHistoryPage(IReadOnlyList<CallHistoryEntry> Calls, Guid? NextBefore);
