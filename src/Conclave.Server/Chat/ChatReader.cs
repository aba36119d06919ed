using Conclave.Contracts.Api;
using Conclave.Domain.Chat;
using Conclave.Server.Content;
using Conclave.Server.Directory;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Chat;

/// <summary>
/// Builds the wire views of stored chats, messages and events as they stand now: names people by their current UPN
/// and display name, decrypts message bodies and gathers reactions, a few queries per page rather than per item.
/// </summary>
public sealed class ChatReader(ConclaveDbContext db, IContentProtector protector, IOptions<TenantOptions> tenant)
{
    private sealed record Person(string Upn, string? DisplayName);

    public string TenantId => tenant.Value.Domain;

    public async Task<ChatView> ChatViewAsync(ChatRecord chat, CancellationToken cancellationToken) =>
        (await ChatViewsAsync([chat], cancellationToken))[0];

    /// <summary>The views of <paramref name="chats"/>, in their order.</summary>
    public async Task<IReadOnlyList<ChatView>> ChatViewsAsync(IReadOnlyList<ChatRecord> chats, CancellationToken cancellationToken)
    {
        var ids = chats.Select(c => c.Id).ToList();
        var members = await db.ChatMembers.AsNoTracking().Where(m => ids.Contains(m.ChatId)).ToListAsync(cancellationToken);
        var people = await PeopleAsync(members.Select(m => m.UserId), cancellationToken);
        var byChat = members.ToLookup(m => m.ChatId);
        return [.. chats.Select(c => new ChatView(
            c.Id,
            ChatKinds.NameOf(c.Kind),
            c.Topic,
            [.. byChat[c.Id]
                .Where(m => people.ContainsKey(m.UserId))
                .OrderBy(m => m.JoinedAt).ThenBy(m => m.UserId, StringComparer.Ordinal)
                .Select(m => new ChatMemberView(m.UserId, people[m.UserId].Upn, people[m.UserId].DisplayName, m.ReadSequence))],
            c.LastSequence,
            c.CreatedAt))];
    }

    public async Task<MessageView> MessageViewAsync(ChatMessageRecord message, CancellationToken cancellationToken) =>
        (await MessageViewsAsync([message], cancellationToken))[0];

    /// <summary>The views of <paramref name="messages"/>, in their order, with every reaction they have now.</summary>
    public async Task<IReadOnlyList<MessageView>> MessageViewsAsync(IReadOnlyList<ChatMessageRecord> messages, CancellationToken cancellationToken)
    {
        var ids = messages.Select(m => m.Id).ToList();
        var reactions = await db.ChatReactions.AsNoTracking().Where(r => ids.Contains(r.MessageId)).ToListAsync(cancellationToken);
        // A deleted message's files are gone with its text.
        var live = messages.Where(m => !m.Deleted).Select(m => m.Id).ToList();
        var files = await db.ChatFiles.AsNoTracking().Where(f => f.MessageId != null && live.Contains(f.MessageId.Value)).ToListAsync(cancellationToken);
        var people = await PeopleAsync(
            messages.Select(m => m.SenderId).Concat(reactions.Select(r => r.UserId)).Concat(files.Select(f => f.UploaderId)), cancellationToken);
        var byMessage = reactions.ToLookup(r => r.MessageId);
        var filesOf = files.ToLookup(f => f.MessageId!.Value);
        return [.. messages.Select(m => View(m, byMessage[m.Id], people) with
        {
            Attachments = [.. filesOf[m.Id].OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).Select(f => FileView(f, people))],
        })];
    }

    /// <summary>The wire view of a stored file, its name decrypted.</summary>
    public async Task<ChatFileView> FileViewAsync(ChatFileRecord file, CancellationToken cancellationToken) =>
        FileView(file, await PeopleAsync([file.UploaderId], cancellationToken));

    private ChatFileView FileView(ChatFileRecord f, IReadOnlyDictionary<string, Person> people) =>
        new(f.Id, f.ChatId, ChatFileContent.UnprotectName(protector, TenantId, f.Id, f.ProtectedName), f.Size, f.ContentType,
            Convert.ToHexStringLower(f.Sha256), UpnOf(people, f.UploaderId), f.CreatedAt, f.MessageId);

    /// <summary>The views of <paramref name="events"/> of <paramref name="chat"/>, each with its message or the chat as they stand now.</summary>
    public async Task<IReadOnlyList<ChatEvent>> EventViewsAsync(ChatRecord chat, IReadOnlyList<ChatEventRecord> events, CancellationToken cancellationToken)
    {
        var messageIds = events.Where(e => e.MessageId is not null).Select(e => e.MessageId!.Value).Distinct().ToList();
        var stored = await db.ChatMessages.AsNoTracking().Where(m => messageIds.Contains(m.Id)).ToListAsync(cancellationToken);
        var messages = (await MessageViewsAsync(stored, cancellationToken)).ToDictionary(m => m.MessageId);
        var chatView = events.Any(e => e.MessageId is null) ? await ChatViewAsync(chat, cancellationToken) : null;
        var actors = await PeopleAsync(events.Select(e => e.ActorId), cancellationToken);
        return [.. events.Select(e => new ChatEvent(
            e.ChatId,
            e.Sequence,
            e.Kind,
            e.At,
            actors.TryGetValue(e.ActorId, out var actor) ? actor.Upn : "",
            e.MessageId is { } id ? messages.GetValueOrDefault(id) : null,
            e.MessageId is null ? chatView : null))];
    }

    private MessageView View(ChatMessageRecord m, IEnumerable<ChatReactionRecord> reactions, IReadOnlyDictionary<string, Person> people)
    {
        var body = m.Deleted ? null : MessageBody.Unprotect(protector, MessageBody.ScopeOf(TenantId, m.ChatId, m.Id), m.ProtectedBody);
        var grouped = reactions
            .GroupBy(r => r.Reaction)
            .OrderBy(g => IndexOf(g.Key))
            .Select(g => new ReactionView(g.Key, [.. g.OrderBy(r => r.At).Select(r => UpnOf(people, r.UserId))]))
            .ToList();
        return new MessageView(
            m.Id, m.ChatId, m.Sequence, m.ClientMessageId, UpnOf(people, m.SenderId), body?.Text, m.ReplyTo, body?.Mentions ?? [], grouped,
            m.SentAt, m.EditedAt, m.Deleted, m.ThreadRootId);
    }

    private static int IndexOf(string reaction)
    {
        for (var i = 0; i < ChatReactions.All.Count; i++)
        {
            if (ChatReactions.All[i] == reaction)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    // A removed account keeps its messages; it is shown without a UPN.
    private static string UpnOf(IReadOnlyDictionary<string, Person> people, string userId) =>
        people.TryGetValue(userId, out var person) ? person.Upn : "";

    private async Task<IReadOnlyDictionary<string, Person>> PeopleAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, Person>(StringComparer.Ordinal);
        }

        var users = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.UserName, u.DisplayName })
            .ToListAsync(cancellationToken);
        return users.ToDictionary(u => u.Id, u => new Person(u.UserName ?? "", string.IsNullOrEmpty(u.DisplayName) ? null : u.DisplayName), StringComparer.Ordinal);
    }
}
