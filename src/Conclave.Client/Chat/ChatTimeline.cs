using Conclave.Contracts.Api;

namespace Conclave.Client.Chat;

/// <summary>
/// Puts a chat's events in order, exactly once. Every change to a chat has the chat's next sequence (1, 2, 3, … with
/// no gaps: docs/api.md, "Chat"), so the last sequence applied is the whole cursor: an event at or below it was
/// applied already (a live push that raced a fetch, or a replay after a reconnect), the next one applies, and one
/// further on means events are missing and must be fetched from the cursor first. Pure: no I/O, not thread-safe (one
/// loop owns it).
/// </summary>
public sealed class ChatTimeline
{
    private readonly Dictionary<Guid, long> _applied = [];

    /// <summary>What <see cref="Offer"/> decided about an event.</summary>
    public enum Verdict
    {
        /// <summary>The next event of its chat: deliver it (the cursor moved to it).</summary>
        Next,

        /// <summary>Applied before: drop it.</summary>
        Duplicate,

        /// <summary>Events between the cursor and this one are missing: fetch after <see cref="AppliedThrough"/>, then offer again.</summary>
        Gap,

        /// <summary>A chat not followed (see <see cref="Follow"/>).</summary>
        NotFollowed,
    }

    /// <summary>The chats followed and, for each, the last sequence applied (0 when none yet).</summary>
    public IReadOnlyDictionary<Guid, long> Cursors => _applied;

    /// <summary>
    /// Follows <paramref name="chatId"/> from <paramref name="appliedThrough"/> (the last sequence already known; 0 for
    /// the whole chat). Following a chat again never moves its cursor back.
    /// </summary>
    public void Follow(Guid chatId, long appliedThrough)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(appliedThrough);
        _applied[chatId] = Math.Max(appliedThrough, _applied.GetValueOrDefault(chatId));
    }

    /// <summary>Stops following a chat (the member left it, or lost access).</summary>
    public void Forget(Guid chatId) => _applied.Remove(chatId);

    public bool IsFollowed(Guid chatId) => _applied.ContainsKey(chatId);

    /// <summary>The last sequence applied for a followed chat.</summary>
    public long AppliedThrough(Guid chatId) => _applied.TryGetValue(chatId, out var applied)
        ? applied
        : throw new InvalidOperationException($"Chat {chatId} is not followed.");

    /// <summary>Decides about one event; moves the cursor only for <see cref="Verdict.Next"/>.</summary>
    public Verdict Offer(ChatEvent chatEvent)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        if (!_applied.TryGetValue(chatEvent.ChatId, out var applied))
        {
            return Verdict.NotFollowed;
        }

        if (chatEvent.Sequence <= applied)
        {
            return Verdict.Duplicate;
        }

        if (chatEvent.Sequence > applied + 1)
        {
            return Verdict.Gap;
        }

        _applied[chatEvent.ChatId] = chatEvent.Sequence;
        return Verdict.Next;
    }
}
