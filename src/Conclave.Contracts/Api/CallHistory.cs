namespace Conclave.Contracts.Api;

// GET /api/me/calls (docs/api.md): the query (take, before, missed) is bound from the query string.

/// <summary>
/// One call as a party sees it: <paramref name="Direction"/> is Outgoing or Incoming, <paramref name="PeerUpn"/> the
/// other party, <paramref name="Mode"/> E2ee or Standard; <paramref name="Missed"/> when this party missed it.
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
    bool Missed) : ApiView;

/// <summary>
/// A page of history, newest first. <paramref name="NextBefore"/> is the <c>before</c> of the next (older) page, or
/// null when this page is the last.
/// </summary>
public sealed record CallHistoryPage(IReadOnlyList<CallHistoryEntry> Calls, Guid? NextBefore) : ApiView;
