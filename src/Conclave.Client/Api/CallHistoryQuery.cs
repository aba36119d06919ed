using Conclave.Contracts.Api;

namespace Conclave.Client.Api;

/// <summary>
/// The query string of <c>GET /api/me/calls</c>. <see cref="Take"/>: 1 to 200 calls (the server's default 50);
/// <see cref="Before"/>: a page's <see cref="CallHistoryPage.NextBefore"/>; <see cref="MissedOnly"/>: only the calls the user missed.
/// </summary>
public sealed record CallHistoryQuery(int? Take = null, Guid? Before = null, bool MissedOnly = false);
