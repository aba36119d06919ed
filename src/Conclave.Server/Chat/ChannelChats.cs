using Conclave.Contracts.Api;
using Conclave.Domain.Chat;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Chat;

/// <summary>
/// The chats of team channels, changed by the team that owns them (the chat API refuses those changes:
/// <c>chat.channel_managed</c>). Each write runs inside the caller's open transaction, so a channel's members change in
/// the same commit as the team's, and takes the chat's next sequence with an event like any chat change; the caller
/// publishes the returned changes after its commit (<see cref="PublishAsync"/>), so devices learn only what is stored.
/// </summary>
public sealed class ChannelChats(ConclaveDbContext db, ChatReader reader, ChatNotifier notifier)
{
    /// <summary>A committed change to a channel's chat, to push; <see cref="Removed"/> are told too, though no longer members.</summary>
    public sealed record Change(Guid ChatId, long Sequence, string Kind, DateTimeOffset At, string ActorUpn, IReadOnlyList<string> Removed);

    /// <summary>Adds a channel's chat with its first members and its Created event (sequence 1); the name is its topic.</summary>
    public Change Create(Guid chatId, string name, string creatorId, string creatorUpn, IEnumerable<string> memberIds, DateTimeOffset now)
    {
        db.Chats.Add(new ChatRecord
        {
            Id = chatId,
            Kind = ChatKind.Channel,
            Topic = name,
            CreatedAt = now,
            CreatedBy = creatorId,
            LastSequence = 1,
            LastChangedAt = now,
        });
        foreach (var member in memberIds.Distinct(StringComparer.Ordinal))
        {
            db.ChatMembers.Add(new ChatMemberRecord { ChatId = chatId, UserId = member, JoinedAt = now });
        }

        db.ChatEvents.Add(new ChatEventRecord { ChatId = chatId, Sequence = 1, Kind = ChatEventKinds.Created, At = now, ActorId = creatorId });
        return new Change(chatId, 1, ChatEventKinds.Created, now, creatorUpn, []);
    }

    /// <summary>
    /// Adds <paramref name="add"/> and removes <paramref name="remove"/> from the chat's members at its next sequence
    /// (one MembersChanged event); null when that changes nothing. Saves before it answers.
    /// </summary>
    public async Task<Change?> ChangeMembersAsync(
        Guid chatId, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, string actorId, string actorUpn, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var current = await db.ChatMembers.Where(m => m.ChatId == chatId).Select(m => m.UserId).ToListAsync(cancellationToken);
        var adding = add.Where(a => !current.Contains(a)).Distinct(StringComparer.Ordinal).ToList();
        var removing = remove.Where(current.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (adding.Count == 0 && removing.Count == 0)
        {
            return null;
        }

        var sequence = await ChatSequencer.NextAsync(db, chatId, now, cancellationToken)
            ?? throw new InvalidOperationException($"The channel's chat {chatId} is missing.");
        if (removing.Count > 0)
        {
            await db.ChatMembers.Where(m => m.ChatId == chatId && removing.Contains(m.UserId)).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var member in adding)
        {
            db.ChatMembers.Add(new ChatMemberRecord { ChatId = chatId, UserId = member, JoinedAt = now });
        }

        db.ChatEvents.Add(new ChatEventRecord { ChatId = chatId, Sequence = sequence, Kind = ChatEventKinds.MembersChanged, At = now, ActorId = actorId });
        await db.SaveChangesAsync(cancellationToken);
        return new Change(chatId, sequence, ChatEventKinds.MembersChanged, now, actorUpn, removing);
    }

    /// <summary>Sets the chat's topic to the channel's new name at its next sequence (a TopicChanged event).</summary>
    public async Task<Change> RenameAsync(Guid chatId, string name, string actorId, string actorUpn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sequence = await ChatSequencer.NextAsync(db, chatId, now, cancellationToken)
            ?? throw new InvalidOperationException($"The channel's chat {chatId} is missing.");
        await db.Chats.Where(c => c.Id == chatId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Topic, name), cancellationToken);
        db.ChatEvents.Add(new ChatEventRecord { ChatId = chatId, Sequence = sequence, Kind = ChatEventKinds.TopicChanged, At = now, ActorId = actorId });
        await db.SaveChangesAsync(cancellationToken);
        return new Change(chatId, sequence, ChatEventKinds.TopicChanged, now, actorUpn, []);
    }

    /// <summary>Makes the chats read-only (an archived team, a deleted channel) or writable again: they keep their messages.</summary>
    public Task SetReadOnlyAsync(IReadOnlyCollection<Guid> chatIds, bool readOnly, CancellationToken cancellationToken) =>
        db.Chats.Where(c => chatIds.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReadOnly, readOnly), cancellationToken);

    /// <summary>After the commit: each change's event, with the chat as it stands, to its members and to those it removed.</summary>
    public async Task PublishAsync(IEnumerable<Change> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            var chat = await db.Chats.AsNoTracking().SingleAsync(c => c.Id == change.ChatId, cancellationToken);
            var view = await reader.ChatViewAsync(chat, cancellationToken);
            var members = await db.ChatMembers.AsNoTracking().Where(m => m.ChatId == change.ChatId).Select(m => m.UserId).ToListAsync(cancellationToken);
            // The removed hear of their removal (their devices drop the chat) and of nothing after it.
            await notifier.ChatEventAsync(
                [.. members, .. change.Removed], new ChatEvent(change.ChatId, change.Sequence, change.Kind, change.At, change.ActorUpn, null, view));
        }
    }
}
