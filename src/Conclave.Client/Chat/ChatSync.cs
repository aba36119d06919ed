using Conclave.Contracts.Api;

namespace Conclave.Client.Chat;

/// <summary>
/// The ordering engine of <see cref="ChatClient"/>, without the network: live events and fetched pages go through one
/// <see cref="ChatTimeline"/>, so each event is delivered once, per chat in sequence order. A live event that skips
/// sequences first fetches the missing ones from the server's log (<c>GET /api/chats/{id}/events?after=N</c>), which is
/// the authority. Called from one loop at a time; <see cref="Cursors"/> may be read from any thread.
/// </summary>
internal sealed class ChatSync(
    Func<Guid, long, CancellationToken, Task<ChatEventPage>> fetchAfter,
    Func<ChatEvent, CancellationToken, ValueTask> deliver)
{
    private readonly ChatTimeline _timeline = new();
    private readonly Lock _lock = new();

    public IReadOnlyDictionary<Guid, long> Cursors
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<Guid, long>(_timeline.Cursors);
            }
        }
    }

    public bool IsFollowed(Guid chatId)
    {
        lock (_lock)
        {
            return _timeline.IsFollowed(chatId);
        }
    }

    public void Follow(Guid chatId, long appliedThrough)
    {
        lock (_lock)
        {
            _timeline.Follow(chatId, appliedThrough);
        }
    }

    public void Forget(Guid chatId)
    {
        lock (_lock)
        {
            _timeline.Forget(chatId);
        }
    }

    /// <summary>A pushed event: delivered if next, dropped if seen, or the gap before it fetched first. An unknown chat is followed from its start.</summary>
    public async Task OfferLiveAsync(ChatEvent live, CancellationToken cancellationToken)
    {
        ChatTimeline.Verdict verdict;
        lock (_lock)
        {
            if (!_timeline.IsFollowed(live.ChatId))
            {
                _timeline.Follow(live.ChatId, 0);
            }

            verdict = _timeline.Offer(live);
        }

        if (verdict == ChatTimeline.Verdict.Next)
        {
            await deliver(live, cancellationToken);
        }
        else if (verdict == ChatTimeline.Verdict.Gap)
        {
            await CatchUpAsync(live.ChatId, live.Sequence, cancellationToken);
        }
    }

    /// <summary>
    /// Fetches and delivers the chat's events after its cursor until the cursor reaches <paramref name="through"/> or
    /// the server says there is no more. Returns the sequences delivered (first, last), or null when none.
    /// </summary>
    public async Task<(long First, long Last)?> CatchUpAsync(Guid chatId, long through, CancellationToken cancellationToken)
    {
        long start;
        lock (_lock)
        {
            if (!_timeline.IsFollowed(chatId) || _timeline.AppliedThrough(chatId) >= through)
            {
                return null;
            }

            start = _timeline.AppliedThrough(chatId);
        }

        var reached = start;
        while (reached < through)
        {
            var page = await fetchAfter(chatId, reached, cancellationToken);
            foreach (var fetched in page.Events)
            {
                bool next;
                lock (_lock)
                {
                    next = _timeline.IsFollowed(chatId) && _timeline.Offer(fetched) == ChatTimeline.Verdict.Next;
                }

                if (next)
                {
                    await deliver(fetched, cancellationToken);
                }
            }

            long now;
            lock (_lock)
            {
                if (!_timeline.IsFollowed(chatId))
                {
                    break;
                }

                now = _timeline.AppliedThrough(chatId);
            }

            // The server is the authority on the end: nothing more, or no progress, ends the catch-up.
            if (now == reached || !page.More)
            {
                reached = now;
                break;
            }

            reached = now;
        }

        return reached > start ? (start + 1, reached) : null;
    }
}
