using Conclave.Contracts.Api;
using Conclave.Domain.Chat;
using Conclave.Domain.Common;
using Conclave.Domain.Files;
using Conclave.Server.Audit;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Chat;

/// <summary>Messages, reactions and the ordered reads (events after N, messages before N).</summary>
public sealed partial class ChatService
{
    /// <summary>The answer to a send: the message, and whether it was stored now (201) or by an earlier send of the same ClientMessageId (200).</summary>
    public sealed record Sending(MessageView Message, bool Created);

    /// <summary>
    /// Stores a message and its event at the chat's next sequence, and answers only once both have committed. A resend
    /// with a stored ClientMessageId answers the stored message and stores nothing (with other text or mentions,
    /// <c>chat.client_message_id_reused</c>).
    /// </summary>
    public async Task<Result<Sending>> SendAsync(ChatCaller caller, Guid chatId, SendMessageRequest request, CancellationToken cancellationToken)
    {
        if (request.ClientMessageId is not { } clientMessageId || clientMessageId == Guid.Empty)
        {
            return ChatErrors.MissingClientMessageId();
        }

        var attachments = request.Attachments?.Distinct().ToList() ?? [];
        if (attachments.Count > FileNames.MaxAttachments)
        {
            return FileErrors.TooManyAttachments();
        }

        var body = await ComposeAsync(caller, chatId, request.Text, request.Mentions, cancellationToken);
        if (!body.IsSuccess)
        {
            return body.Error;
        }

        // The usual resend (an answer lost on the way) is answered without taking the chat's lock.
        if (await ResentAsync(chatId, clientMessageId, body.Value, cancellationToken) is { } resent)
        {
            return resent;
        }

        if (request.ReplyTo is { } replyTo && !await db.ChatMessages.AnyAsync(m => m.Id == replyTo && m.ChatId == chatId, cancellationToken))
        {
            return ChatErrors.InvalidReply();
        }

        // A channel's posts are threads one level deep: a reply answers a root post, never another reply.
        var isChannel = await db.Chats.AnyAsync(c => c.Id == chatId && c.Kind == ChatKind.Channel, cancellationToken);
        if (isChannel && request.ReplyTo is { } root && !await db.ChatMessages.AnyAsync(m => m.Id == root && m.ThreadRootId == null, cancellationToken))
        {
            return ChatErrors.InvalidThread("A reply in a channel names a root post of the channel, not another reply.");
        }

        var dlp = await CheckContentAsync(caller, chatId, body.Value, request.OverrideJustification, cancellationToken);
        if (dlp.Refusal is { } blocked)
        {
            return blocked;
        }

        var now = time.GetUtcNow();
        var message = new ChatMessageRecord
        {
            Id = Guid.NewGuid(),
            ChatId = chatId,
            ClientMessageId = clientMessageId,
            SenderId = caller.UserId,
            ReplyTo = request.ReplyTo,
            ThreadRootId = isChannel ? request.ReplyTo : null,
            SentAt = now,
        };
        message.ProtectedBody = body.Value.Protect(protector, MessageBody.ScopeOf(reader.TenantId, chatId, message.Id));
        await using (var transaction = await WriteTransaction.BeginAsync(db, cancellationToken))
        {
            var sequence = await SequenceForMemberAsync(caller, chatId, now, cancellationToken);
            if (!sequence.IsSuccess)
            {
                return sequence.Error;
            }

            // Again under the chat's lock: a concurrent send of the same ClientMessageId may have committed meanwhile.
            if (await ResentAsync(chatId, clientMessageId, body.Value, cancellationToken) is { } concurrent)
            {
                await transaction.RollbackAsync(cancellationToken);
                return concurrent;
            }

            // Under the chat's lock: a file attaches to one message only, so two sends cannot both take it.
            if (!await AttachAsync(caller, chatId, message.Id, attachments, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return FileErrors.InvalidAttachment();
            }

            message.Sequence = sequence.Value;
            db.ChatMessages.Add(message);
            db.ChatEvents.Add(new ChatEventRecord
            {
                ChatId = chatId,
                Sequence = sequence.Value,
                Kind = ChatEventKinds.MessageSent,
                At = now,
                ActorId = caller.UserId,
                MessageId = message.Id,
            });
            StageAudit(dlp.Audit);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            CommittedAudit(dlp.Audit);
        }

        var view = await PublishMessageChangeAsync(caller, message, ChatEventKinds.MessageSent, now, cancellationToken);
        return new Sending(view with { PolicyTip = dlp.Tip }, Created: true);
    }

    /// <summary>The sender's new text and mentions; the message keeps its sequence and is marked edited.</summary>
    public async Task<Result<MessageView>> EditAsync(
        ChatCaller caller, Guid chatId, Guid messageId, EditMessageRequest request, CancellationToken cancellationToken)
    {
        var body = await ComposeAsync(caller, chatId, request.Text, request.Mentions, cancellationToken);
        if (!body.IsSuccess)
        {
            return body.Error;
        }

        var dlp = await CheckContentAsync(caller, chatId, body.Value, request.OverrideJustification, cancellationToken);
        if (dlp.Refusal is { } blocked)
        {
            return blocked;
        }

        var edited = await ChangeMessageAsync(caller, chatId, messageId, ChatEventKinds.MessageEdited, senderOnly: true, (message, now) =>
        {
            message.ProtectedBody = body.Value.Protect(protector, MessageBody.ScopeOf(reader.TenantId, chatId, message.Id));
            message.EditedAt = now;
            return Task.FromResult(true);
        }, cancellationToken, dlp.Audit);
        return edited.IsSuccess ? edited.Value with { PolicyTip = dlp.Tip } : edited;
    }

    /// <summary>Deletes a message of the sender's: it stays as a tombstone without its text.</summary>
    public async Task<Error?> DeleteAsync(ChatCaller caller, Guid chatId, Guid messageId, CancellationToken cancellationToken)
    {
        var chat = await WritableChatAsync(caller, chatId, cancellationToken);
        if (!chat.IsSuccess)
        {
            return chat.Error;
        }

        var deleted = await ChangeMessageAsync(caller, chatId, messageId, ChatEventKinds.MessageDeleted, senderOnly: true, (message, _) =>
        {
            message.ProtectedBody = [];
            message.Deleted = true;
            return Task.FromResult(true);
        }, cancellationToken);
        return deleted.IsSuccess ? null : deleted.Error;
    }

    /// <summary>Adds (<paramref name="add"/>) or removes the caller's reaction; answering the message with every reaction it has now.</summary>
    public async Task<Result<MessageView>> ReactAsync(
        ChatCaller caller, Guid chatId, Guid messageId, string? reaction, bool add, CancellationToken cancellationToken)
    {
        var parsed = ChatReactions.Parse(reaction);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var chat = await WritableChatAsync(caller, chatId, cancellationToken);
        if (!chat.IsSuccess)
        {
            return chat.Error;
        }

        return await ChangeMessageAsync(caller, chatId, messageId, ChatEventKinds.ReactionsChanged, senderOnly: false, async (message, now) =>
        {
            var existing = await db.ChatReactions.FirstOrDefaultAsync(
                r => r.MessageId == message.Id && r.UserId == caller.UserId && r.Reaction == parsed.Value, cancellationToken);
            if (add && existing is null)
            {
                db.ChatReactions.Add(new ChatReactionRecord { MessageId = message.Id, UserId = caller.UserId, Reaction = parsed.Value, At = now });
                return true;
            }

            if (!add && existing is not null)
            {
                db.ChatReactions.Remove(existing);
                return true;
            }

            return false;
        }, cancellationToken);
    }

    /// <summary>The chat's events after <paramref name="after"/> in order, with the messages and chat as they stand now.</summary>
    public async Task<Result<ChatEventPage>> EventsAsync(ChatCaller caller, Guid chatId, long? after, long? take, CancellationToken cancellationToken)
    {
        if (after < 0 || take is < 1 or > MaxTake)
        {
            return ChatErrors.InvalidCursor($"after is at least 0 and take is from 1 to {MaxTake}.");
        }

        var chat = await MemberChatAsync(caller, chatId, cancellationToken);
        if (!chat.IsSuccess)
        {
            return chat.Error;
        }

        var size = (int)(take ?? DefaultEventTake);
        var from = after ?? 0;
        var events = await db.ChatEvents.AsNoTracking()
            .Where(e => e.ChatId == chatId && e.Sequence > from)
            .OrderBy(e => e.Sequence)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        var page = events.Take(size).ToList();
        var views = await reader.EventViewsAsync(chat.Value, page, cancellationToken);
        var last = await db.Chats.Where(c => c.Id == chatId).Select(c => c.LastSequence).SingleAsync(cancellationToken);
        return new ChatEventPage(views, Math.Max(last, page.Count > 0 ? page[^1].Sequence : 0), events.Count > size);
    }

    /// <summary>
    /// The chat's messages sent before sequence <paramref name="before"/> (all when null), newest first. In a channel:
    /// its root posts, or with <paramref name="thread"/> that root post's replies and the post itself.
    /// </summary>
    public async Task<Result<MessagePage>> MessagesAsync(
        ChatCaller caller, Guid chatId, long? before, long? take, Guid? thread, CancellationToken cancellationToken)
    {
        if (before < 0 || take is < 1 or > MaxTake)
        {
            return ChatErrors.InvalidCursor($"before is at least 0 and take is from 1 to {MaxTake}.");
        }

        var chat = await MemberChatAsync(caller, chatId, cancellationToken);
        if (!chat.IsSuccess)
        {
            return chat.Error;
        }

        var isChannel = chat.Value.Kind == ChatKind.Channel;
        if (thread is not null && !isChannel)
        {
            return ChatErrors.InvalidThread("Only a channel's posts have threads.");
        }

        if (thread is { } root && !await db.ChatMessages.AnyAsync(m => m.Id == root && m.ChatId == chatId && m.ThreadRootId == null, cancellationToken))
        {
            return ChatErrors.MessageNotFound();
        }

        var size = (int)(take ?? DefaultMessageTake);
        var until = before ?? long.MaxValue;
        var scope = db.ChatMessages.AsNoTracking().Where(m => m.ChatId == chatId && m.Sequence < until);
        scope = thread is { } rootId ? scope.Where(m => m.Id == rootId || m.ThreadRootId == rootId)
            : isChannel ? scope.Where(m => m.ThreadRootId == null)
            : scope;
        var messages = await scope
            .OrderByDescending(m => m.Sequence)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        var page = messages.Take(size).ToList();
        var views = await reader.MessageViewsAsync(page, cancellationToken);
        return new MessagePage(views, messages.Count > size ? page[^1].Sequence : null);
    }

    /// <summary>The chat when the caller is a member of it and it takes changes; else as <see cref="MemberChatAsync"/>, or <c>chat.read_only</c>.</summary>
    /// <summary>
    /// Marks <paramref name="fileIds"/> as attached to <paramref name="messageId"/> when each is a file the caller
    /// uploaded to this chat and attached nowhere yet; false (nothing changed) otherwise.
    /// </summary>
    private async Task<bool> AttachAsync(ChatCaller caller, Guid chatId, Guid messageId, List<Guid> fileIds, CancellationToken cancellationToken)
    {
        if (fileIds.Count == 0)
        {
            return true;
        }

        var files = await db.ChatFiles
            .Where(f => fileIds.Contains(f.Id) && f.ChatId == chatId && f.UploaderId == caller.UserId && f.MessageId == null)
            .ToListAsync(cancellationToken);
        if (files.Count != fileIds.Count)
        {
            return false;
        }

        foreach (var file in files)
        {
            file.MessageId = messageId;
        }

        return true;
    }

    /// <summary>
    /// Null when the caller may add content to the chat, as a send may (a member, and the chat not read-only); else
    /// <c>chat.not_found</c>, <c>chat.not_member</c> or <c>chat.read_only</c>.
    /// </summary>
    public async Task<Error?> CheckWritableAsync(ChatCaller caller, Guid chatId, CancellationToken cancellationToken)
    {
        var chat = await WritableChatAsync(caller, chatId, cancellationToken);
        return chat.IsSuccess ? null : chat.Error;
    }

    /// <summary>Null when the caller is a member of the chat; else <c>chat.not_found</c> or <c>chat.not_member</c>.</summary>
    public async Task<Error?> CheckMemberAsync(ChatCaller caller, Guid chatId, CancellationToken cancellationToken)
    {
        var chat = await MemberChatAsync(caller, chatId, cancellationToken);
        return chat.IsSuccess ? null : chat.Error;
    }

    private async Task<Result<ChatRecord>> WritableChatAsync(ChatCaller caller, Guid chatId, CancellationToken cancellationToken)
    {
        var chat = await MemberChatAsync(caller, chatId, cancellationToken);
        return chat.IsSuccess && chat.Value.ReadOnly ? ChatErrors.ReadOnly() : chat;
    }

    /// <summary>
    /// One change to a stored message at the chat's next sequence. <paramref name="change"/> answers false when it
    /// changes nothing (a reaction already there): the transaction rolls back, no event is stored, and the message is
    /// answered as it stands.
    /// </summary>
    private async Task<Result<MessageView>> ChangeMessageAsync(
        ChatCaller caller, Guid chatId, Guid messageId, string kind, bool senderOnly, Func<ChatMessageRecord, DateTimeOffset, Task<bool>> change,
        CancellationToken cancellationToken, AuditEntry? audited = null)
    {
        var now = time.GetUtcNow();
        ChatMessageRecord? message;
        await using (var transaction = await WriteTransaction.BeginAsync(db, cancellationToken))
        {
            var sequence = await SequenceForMemberAsync(caller, chatId, now, cancellationToken);
            if (!sequence.IsSuccess)
            {
                return sequence.Error;
            }

            message = await db.ChatMessages.FirstOrDefaultAsync(m => m.Id == messageId && m.ChatId == chatId, cancellationToken);
            var refusal = message is null ? ChatErrors.MessageNotFound()
                : senderOnly && message.SenderId != caller.UserId ? ChatErrors.NotSender()
                : message.Deleted ? ChatErrors.MessageDeleted()
                : null;
            if (refusal is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
                return refusal;
            }

            if (!await change(message!, now))
            {
                await transaction.RollbackAsync(cancellationToken);
                return await reader.MessageViewAsync(message!, cancellationToken);
            }

            db.ChatEvents.Add(new ChatEventRecord { ChatId = chatId, Sequence = sequence.Value, Kind = kind, At = now, ActorId = caller.UserId, MessageId = messageId });
            StageAudit(audited);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            CommittedAudit(audited);
            return await PublishMessageChangeAsync(caller, message!, kind, now, sequence.Value, cancellationToken);
        }
    }

    /// <summary>The stored message of <paramref name="clientMessageId"/> as a resend's answer, a refusal when it said something else, or null when none is stored.</summary>
    private async Task<Result<Sending>?> ResentAsync(Guid chatId, Guid clientMessageId, MessageBody body, CancellationToken cancellationToken)
    {
        var stored = await db.ChatMessages.AsNoTracking().FirstOrDefaultAsync(m => m.ChatId == chatId && m.ClientMessageId == clientMessageId, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var same = !stored.Deleted
            && MessageBody.Unprotect(protector, MessageBody.ScopeOf(reader.TenantId, chatId, stored.Id), stored.ProtectedBody).SaysTheSameAs(body);
        return same
            ? Result<Sending>.Success(new Sending(await reader.MessageViewAsync(stored, cancellationToken), Created: false))
            : Result<Sending>.Failure(ChatErrors.ClientMessageIdReused());
    }

    private Task<MessageView> PublishMessageChangeAsync(ChatCaller caller, ChatMessageRecord message, string kind, DateTimeOffset at, CancellationToken cancellationToken) =>
        PublishMessageChangeAsync(caller, message, kind, at, message.Sequence, cancellationToken);

    /// <summary>After the commit of a message change: the message as it stands, pushed with its event to the chat's members.</summary>
    private async Task<MessageView> PublishMessageChangeAsync(
        ChatCaller caller, ChatMessageRecord message, string kind, DateTimeOffset at, long sequence, CancellationToken cancellationToken)
    {
        var view = await reader.MessageViewAsync(message, cancellationToken);
        await notifier.ChatEventAsync(
            await MemberIdsAsync(message.ChatId, cancellationToken), new ChatEvent(message.ChatId, sequence, kind, at, caller.Upn, view, null));
        return view;
    }
}
