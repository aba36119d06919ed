using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Domain.Chat;
using Conclave.Domain.Common;
using Conclave.Domain.Directory;
using Conclave.Server.Audit;
using Conclave.Server.Content;
using Conclave.Server.Directory;
using Conclave.Server.Dlp;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Chat;

/// <summary>
/// Chats, their members and messages, on the request's store. Every change to a chat takes the chat's next sequence
/// (<see cref="ChatSequencer"/>) as its transaction's first write and stores its event with it; the change is pushed to
/// the members' devices (<see cref="ChatNotifier"/>) only after the commit. Every operation first checks that the
/// caller is a member (<c>chat.not_member</c>, nothing read or stored); the token validation has already refused a
/// disabled account (Sessions/PrincipalState).
/// </summary>
public sealed partial class ChatService(
    ConclaveDbContext db, ChatReader reader, IContentProtector protector, IAuditLog audit, ChatNotifier notifier, DlpGate dlp, TimeProvider time)
{
    /// <summary>A page of events when <c>take</c> is not given.</summary>
    public const int DefaultEventTake = 100;

    /// <summary>A page of messages when <c>take</c> is not given.</summary>
    public const int DefaultMessageTake = 50;

    /// <summary>The largest page of events or messages.</summary>
    public const int MaxTake = 200;

    /// <summary>The answer to a create: the chat, and whether it is new (201) or the pair's existing one-to-one chat (200).</summary>
    public sealed record Creation(ChatView Chat, bool Created);

    public async Task<Result<Creation>> CreateAsync(ChatCaller caller, CreateChatRequest request, CancellationToken cancellationToken)
    {
        var kind = ChatKinds.Parse(request.Kind);
        if (!kind.IsSuccess)
        {
            return kind.Error;
        }

        if (kind.Value == ChatKind.OneOnOne && !string.IsNullOrEmpty(request.Topic))
        {
            return ChatErrors.OneOnOneFixed();
        }

        var topic = kind.Value == ChatKind.Group ? ChatTopic.Normalize(request.Topic) : Result<string?>.Success(null);
        if (!topic.IsSuccess)
        {
            return topic.Error;
        }

        var others = await OthersAsync(caller, kind.Value, request.Members, cancellationToken);
        if (!others.IsSuccess)
        {
            return others.Error;
        }

        var now = time.GetUtcNow();
        var chat = new ChatRecord
        {
            Id = Guid.NewGuid(),
            Kind = kind.Value,
            Topic = topic.Value,
            CreatedAt = now,
            CreatedBy = caller.UserId,
            LastSequence = 1,
            LastChangedAt = now,
            PairKey = kind.Value == ChatKind.OneOnOne ? ChatRecord.PairKeyOf(caller.UserId, others.Value[0].Id) : null,
        };
        try
        {
            await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
            // Inside the transaction: on SQLite it holds the write lock, so a concurrent create of the pair has committed or waits.
            if (chat.PairKey is not null && await ExistingPairAsync(chat.PairKey, cancellationToken) is { } existing)
            {
                await change.RollbackAsync(cancellationToken);
                return new Creation(await reader.ChatViewAsync(existing, cancellationToken), Created: false);
            }

            db.Chats.Add(chat);
            db.ChatMembers.Add(new ChatMemberRecord { ChatId = chat.Id, UserId = caller.UserId, JoinedAt = now });
            foreach (var other in others.Value)
            {
                db.ChatMembers.Add(new ChatMemberRecord { ChatId = chat.Id, UserId = other.Id, JoinedAt = now });
            }

            db.ChatEvents.Add(new ChatEventRecord { ChatId = chat.Id, Sequence = 1, Kind = ChatEventKinds.Created, At = now, ActorId = caller.UserId });
            await change.CommitAsync(
                new AuditEntry(ChatAuditActions.Created, AuditOutcome.Success, caller.UserId, caller.Upn, chat.Id.ToString(), caller.From,
                    new JsonObject
                    {
                        ["kind"] = ChatKinds.NameOf(chat.Kind),
                        ["members"] = new JsonArray([.. others.Value.Select(o => JsonValue.Create(o.UserName))]),
                    }),
                cancellationToken);
        }
        catch (DbUpdateException) when (chat.PairKey is not null)
        {
            // PostgreSQL: a concurrent create of the same pair committed first and the unique pair key refused this one.
            db.ChangeTracker.Clear();
            var existing = await ExistingPairAsync(chat.PairKey, cancellationToken) ?? throw new InvalidOperationException("The one-to-one chat's insert failed, and no chat holds the pair.");
            return new Creation(await reader.ChatViewAsync(existing, cancellationToken), Created: false);
        }

        var view = await reader.ChatViewAsync(chat, cancellationToken);
        await PublishAsync(chat, new ChatEvent(chat.Id, 1, ChatEventKinds.Created, now, caller.Upn, null, view), cancellationToken);
        return new Creation(view, Created: true);
    }

    /// <summary>The caller's chats, latest change first.</summary>
    public async Task<IReadOnlyList<ChatView>> ListAsync(ChatCaller caller, CancellationToken cancellationToken)
    {
        var chats = await db.Chats.AsNoTracking()
            .Where(c => db.ChatMembers.Any(m => m.ChatId == c.Id && m.UserId == caller.UserId))
            .OrderByDescending(c => c.LastChangedAt).ThenBy(c => c.Id)
            .Take(ListLimit)
            .ToListAsync(cancellationToken);
        return await reader.ChatViewsAsync(chats, cancellationToken);
    }

    /// <summary>The most chats a list answers: far more than a person keeps, and a bounded query.</summary>
    public const int ListLimit = 1000;

    public async Task<Result<ChatView>> GetAsync(ChatCaller caller, Guid chatId, CancellationToken cancellationToken)
    {
        var chat = await MemberChatAsync(caller, chatId, cancellationToken);
        return chat.IsSuccess ? await reader.ChatViewAsync(chat.Value, cancellationToken) : chat.Error;
    }

    public async Task<Result<ChatView>> SetTopicAsync(ChatCaller caller, Guid chatId, UpdateChatRequest request, CancellationToken cancellationToken)
    {
        var chat = await MemberChatAsync(caller, chatId, cancellationToken);
        if (!chat.IsSuccess)
        {
            return chat.Error;
        }

        if (chat.Value.Kind == ChatKind.OneOnOne)
        {
            return ChatErrors.OneOnOneFixed();
        }

        if (chat.Value.Kind == ChatKind.Channel)
        {
            return ChatErrors.ChannelManaged();
        }

        var topic = ChatTopic.Normalize(request.Topic);
        if (!topic.IsSuccess)
        {
            return topic.Error;
        }

        var now = time.GetUtcNow();
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var sequence = await SequenceForMemberAsync(caller, chatId, now, cancellationToken);
        if (!sequence.IsSuccess)
        {
            return sequence.Error;
        }

        await db.Chats.Where(c => c.Id == chatId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Topic, topic.Value), cancellationToken);
        db.ChatEvents.Add(new ChatEventRecord { ChatId = chatId, Sequence = sequence.Value, Kind = ChatEventKinds.TopicChanged, At = now, ActorId = caller.UserId });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await PublishChatChangeAsync(caller, chatId, sequence.Value, ChatEventKinds.TopicChanged, now, cancellationToken);
    }

    public async Task<Result<ChatView>> AddMemberAsync(ChatCaller caller, Guid chatId, AddChatMemberRequest request, CancellationToken cancellationToken)
    {
        var chat = await MemberChatAsync(caller, chatId, cancellationToken);
        if (!chat.IsSuccess)
        {
            return chat.Error;
        }

        if (chat.Value.Kind == ChatKind.OneOnOne)
        {
            return ChatErrors.OneOnOneFixed();
        }

        if (chat.Value.Kind == ChatKind.Channel)
        {
            return ChatErrors.ChannelManaged();
        }

        var user = await ChatUserAsync(request.User, cancellationToken);
        if (!user.IsSuccess)
        {
            return user.Error;
        }

        var now = time.GetUtcNow();
        await using (var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken))
        {
            var sequence = await SequenceForMemberAsync(caller, chatId, now, cancellationToken);
            if (!sequence.IsSuccess)
            {
                return sequence.Error;
            }

            var members = await db.ChatMembers.Where(m => m.ChatId == chatId).Select(m => m.UserId).ToListAsync(cancellationToken);
            if (members.Contains(user.Value.Id))
            {
                await change.RollbackAsync(cancellationToken);
                return ChatErrors.AlreadyMember(user.Value.UserName!);
            }

            if (members.Count + 1 > ChatMembers.Max)
            {
                await change.RollbackAsync(cancellationToken);
                return ChatErrors.TooManyMembers();
            }

            db.ChatMembers.Add(new ChatMemberRecord { ChatId = chatId, UserId = user.Value.Id, JoinedAt = now });
            db.ChatEvents.Add(new ChatEventRecord { ChatId = chatId, Sequence = sequence.Value, Kind = ChatEventKinds.MembersChanged, At = now, ActorId = caller.UserId });
            await change.CommitAsync(
                new AuditEntry(ChatAuditActions.MemberAdded, AuditOutcome.Success, caller.UserId, caller.Upn, chatId.ToString(), caller.From,
                    new JsonObject { ["user"] = user.Value.UserName, ["sequence"] = sequence.Value }),
                cancellationToken);
            return await PublishChatChangeAsync(caller, chatId, sequence.Value, ChatEventKinds.MembersChanged, now, cancellationToken);
        }
    }

    /// <summary>The caller leaves a group chat: its later events are no longer delivered to them.</summary>
    public async Task<Error?> LeaveAsync(ChatCaller caller, Guid chatId, CancellationToken cancellationToken)
    {
        var chat = await MemberChatAsync(caller, chatId, cancellationToken);
        if (!chat.IsSuccess)
        {
            return chat.Error;
        }

        if (chat.Value.Kind == ChatKind.OneOnOne)
        {
            return ChatErrors.OneOnOneFixed();
        }

        if (chat.Value.Kind == ChatKind.Channel)
        {
            return ChatErrors.ChannelManaged();
        }

        var now = time.GetUtcNow();
        long left;
        await using (var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken))
        {
            var sequence = await SequenceForMemberAsync(caller, chatId, now, cancellationToken);
            if (!sequence.IsSuccess)
            {
                return sequence.Error;
            }

            left = sequence.Value;
            await db.ChatMembers.Where(m => m.ChatId == chatId && m.UserId == caller.UserId).ExecuteDeleteAsync(cancellationToken);
            db.ChatEvents.Add(new ChatEventRecord { ChatId = chatId, Sequence = sequence.Value, Kind = ChatEventKinds.MembersChanged, At = now, ActorId = caller.UserId });
            await change.CommitAsync(
                new AuditEntry(ChatAuditActions.MemberLeft, AuditOutcome.Success, caller.UserId, caller.Upn, chatId.ToString(), caller.From,
                    new JsonObject { ["sequence"] = sequence.Value }),
                cancellationToken);
        }

        // To the members that remain: the one who left hears nothing more of the chat.
        await PublishChatChangeAsync(caller, chatId, left, ChatEventKinds.MembersChanged, now, cancellationToken);
        return null;
    }

    /// <summary>Moves the caller's read position forward to <paramref name="request"/>'s sequence (never back) and tells the members' devices.</summary>
    public async Task<Error?> MarkReadAsync(ChatCaller caller, Guid chatId, ReadPositionRequest request, CancellationToken cancellationToken)
    {
        var chat = await MemberChatAsync(caller, chatId, cancellationToken);
        if (!chat.IsSuccess)
        {
            return chat.Error;
        }

        if (request.Sequence is not { } sequence || sequence < 0 || sequence > chat.Value.LastSequence)
        {
            return ChatErrors.InvalidCursor($"sequence must be between 0 and the chat's last sequence ({chat.Value.LastSequence}).");
        }

        // One conditional UPDATE: two devices moving it at once leave the larger.
        var moved = await db.ChatMembers
            .Where(m => m.ChatId == chatId && m.UserId == caller.UserId && m.ReadSequence < sequence)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadSequence, sequence), cancellationToken);
        if (moved > 0)
        {
            await notifier.ReadPositionAsync(await MemberIdsAsync(chatId, cancellationToken), new ReadPositionView(chatId, caller.Upn, sequence));
        }

        return null;
    }

    /// <summary>The chat when the caller is a member of it; else <c>chat.not_found</c> or <c>chat.not_member</c>.</summary>
    private async Task<Result<ChatRecord>> MemberChatAsync(ChatCaller caller, Guid chatId, CancellationToken cancellationToken)
    {
        var chat = await db.Chats.AsNoTracking().FirstOrDefaultAsync(c => c.Id == chatId, cancellationToken);
        if (chat is null)
        {
            return ChatErrors.NotFound();
        }

        return await IsMemberAsync(caller, chatId, cancellationToken) ? chat : ChatErrors.NotMember();
    }

    private Task<bool> IsMemberAsync(ChatCaller caller, Guid chatId, CancellationToken cancellationToken) =>
        db.ChatMembers.AnyAsync(m => m.ChatId == chatId && m.UserId == caller.UserId, cancellationToken);

    /// <summary>
    /// In an open transaction: takes the chat's next sequence, then checks again that the caller is still a member (a
    /// concurrent leave committed before this took the lock). A refusal rolls the transaction back.
    /// </summary>
    private async Task<Result<long>> SequenceForMemberAsync(ChatCaller caller, Guid chatId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sequence = await ChatSequencer.NextAsync(db, chatId, now, cancellationToken);
        if (sequence is null)
        {
            await db.Database.RollbackTransactionAsync(cancellationToken);
            return ChatErrors.NotFound();
        }

        if (!await IsMemberAsync(caller, chatId, cancellationToken))
        {
            await db.Database.RollbackTransactionAsync(cancellationToken);
            return ChatErrors.NotMember();
        }

        return sequence.Value;
    }

    private Task<ChatRecord?> ExistingPairAsync(string pairKey, CancellationToken cancellationToken) =>
        db.Chats.AsNoTracking().FirstOrDefaultAsync(c => c.PairKey == pairKey, cancellationToken);

    /// <summary>The other members named by UPN: parsed, distinct, not the caller, of a count that fits the kind, and each allowed to chat.</summary>
    private async Task<Result<IReadOnlyList<ConclaveUser>>> OthersAsync(
        ChatCaller caller, ChatKind kind, IReadOnlyList<string>? upns, CancellationToken cancellationToken)
    {
        if (upns is null)
        {
            return ChatErrors.InvalidMembers("A chat names its other members.");
        }

        // Counted before any look-up: a list of thousands costs no query.
        if (ChatMembers.CheckCount(kind, upns.Count + 1) is { } count)
        {
            return count;
        }

        var self = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == caller.UserId, cancellationToken);
        if (self is null || !ChatMembers.MayChat(self.Kind, self.Enabled))
        {
            return ChatErrors.MemberNotAllowed(caller.Upn);
        }

        var others = new List<ConclaveUser>(upns.Count);
        foreach (var upn in upns)
        {
            var user = await ChatUserAsync(upn, cancellationToken);
            if (!user.IsSuccess)
            {
                return user.Error;
            }

            if (user.Value.Id == caller.UserId || others.Any(o => o.Id == user.Value.Id))
            {
                return ChatErrors.InvalidMembers("The member list names the caller or someone twice.");
            }

            others.Add(user.Value);
        }

        return Result<IReadOnlyList<ConclaveUser>>.Success(others);
    }

    /// <summary>The account named by <paramref name="upn"/> when it may chat; else <c>chat.unknown_member</c> or <c>chat.member_not_allowed</c>.</summary>
    private async Task<Result<ConclaveUser>> ChatUserAsync(string? upn, CancellationToken cancellationToken)
    {
        var parsed = Upn.Parse(upn);
        if (!parsed.IsSuccess)
        {
            return ChatErrors.UnknownMember(upn ?? "");
        }

        var normalized = parsed.Value.Value.ToUpperInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        if (user is null)
        {
            return ChatErrors.UnknownMember(parsed.Value.Value);
        }

        return ChatMembers.MayChat(user.Kind, user.Enabled) ? user : ChatErrors.MemberNotAllowed(parsed.Value.Value);
    }

    private Task<List<string>> MemberIdsAsync(Guid chatId, CancellationToken cancellationToken) =>
        db.ChatMembers.AsNoTracking().Where(m => m.ChatId == chatId).Select(m => m.UserId).ToListAsync(cancellationToken);

    /// <summary>After the commit of a chat change: the chat as it stands, pushed with its event to the members now.</summary>
    private async Task<ChatView> PublishChatChangeAsync(
        ChatCaller caller, Guid chatId, long sequence, string kind, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var chat = await db.Chats.AsNoTracking().SingleAsync(c => c.Id == chatId, cancellationToken);
        var view = await reader.ChatViewAsync(chat, cancellationToken);
        await PublishAsync(chat, new ChatEvent(chatId, sequence, kind, at, caller.Upn, null, view), cancellationToken);
        return view;
    }

    private async Task PublishAsync(ChatRecord chat, ChatEvent chatEvent, CancellationToken cancellationToken) =>
        await notifier.ChatEventAsync(await MemberIdsAsync(chat.Id, cancellationToken), chatEvent);
}
