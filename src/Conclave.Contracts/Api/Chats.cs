namespace Conclave.Contracts.Api;

// /api/chats (docs/api.md, "Chat"): one-to-one and group chats, their messages and the ordered log of their
// changes. Every change to a chat takes the chat's next sequence number (1, 2, 3, … per chat, no gaps), so a
// client that remembers the last sequence it applied catches up exactly with GET …/events?after=N and drops a
// live event it has already applied.

/// <summary>The kinds of chat.</summary>
public static class ChatKindNames
{
    /// <summary>Two people; one per pair, created again it is the same chat; its members never change.</summary>
    public const string OneOnOne = "OneOnOne";

    /// <summary>Up to 250 members, an optional topic; members can be added and can leave.</summary>
    public const string Group = "Group";

    /// <summary>
    /// A team's channel (/api/teams): its members are the channel's, kept by the team; it cannot be created, joined,
    /// left or renamed through /api/chats. Its posts are threads: a reply names its root post in ReplyTo.
    /// </summary>
    public const string Channel = "Channel";
}

/// <summary>
/// POST /api/chats. <paramref name="Members"/>: the others' UPNs (the caller is a member without being named).
/// <paramref name="Kind"/>: <see cref="ChatKindNames"/>; a one-to-one chat has exactly one other member and no topic.
/// </summary>
public sealed record CreateChatRequest(string? Kind, IReadOnlyList<string>? Members, string? Topic);

/// <summary>POST /api/chats/{chatId}/members: a UPN to add to a group chat.</summary>
public sealed record AddChatMemberRequest(string? User);

/// <summary>PATCH /api/chats/{chatId}: the group chat's new topic (empty clears it).</summary>
public sealed record UpdateChatRequest(string? Topic);

/// <summary>
/// POST /api/chats/{chatId}/messages. <paramref name="ClientMessageId"/> is chosen by the sender and makes the send
/// idempotent: sent again (after a lost answer), the same message is answered and nothing is stored twice.
/// <paramref name="Text"/> is Markdown (the subset in docs/api.md), rendered inert by every client.
/// <paramref name="Mentions"/>: UPNs of members the text mentions. <paramref name="ReplyTo"/>: a message of the same chat;
/// in a channel, a root post of the channel, and the message is a reply in that post's thread.
/// <paramref name="OverrideJustification"/>: the sender's business justification for sending text that a DLP rule holds
/// (<c>dlp.justification_required</c>); ignored otherwise. <paramref name="Attachments"/>: ids of files the sender
/// uploaded to this chat (POST /api/chats/{chatId}/files) and has not attached yet, at most 10.
/// </summary>
public sealed record SendMessageRequest(
    Guid? ClientMessageId,
    string? Text,
    Guid? ReplyTo,
    IReadOnlyList<string>? Mentions,
    string? OverrideJustification = null,
    IReadOnlyList<Guid>? Attachments = null);

/// <summary>PATCH /api/chats/{chatId}/messages/{messageId}: the sender's new text and mentions.</summary>
public sealed record EditMessageRequest(string? Text, IReadOnlyList<string>? Mentions, string? OverrideJustification = null);

/// <summary>PUT /api/chats/{chatId}/read: the last sequence this member has read (it never moves back).</summary>
public sealed record ReadPositionRequest(long? Sequence);

/// <summary>A member of a chat and how far they have read.</summary>
public sealed record ChatMemberView(string UserId, string Upn, string? DisplayName, long ReadSequence);

/// <summary>
/// A chat as a member sees it. <paramref name="LastSequence"/> is the sequence of its latest change: a client whose
/// last applied sequence is lower has events to fetch.
/// </summary>
public sealed record ChatView(
    Guid ChatId,
    string Kind,
    string? Topic,
    IReadOnlyList<ChatMemberView> Members,
    long LastSequence,
    DateTimeOffset CreatedAt) : ApiView;

/// <summary>The people who reacted to a message with one reaction.</summary>
public sealed record ReactionView(string Reaction, IReadOnlyList<string> Upns);

/// <summary>
/// A message. <paramref name="ThreadRootId"/>: in a channel, the root post of the thread this reply is in (null for a root post).
/// A deleted message stays as a tombstone: <paramref name="Deleted"/> true, <paramref name="Text"/> null.
/// <paramref name="Sequence"/> is the sequence of the event that sent it.
/// </summary>
public sealed record MessageView(
    Guid MessageId,
    Guid ChatId,
    long Sequence,
    Guid ClientMessageId,
    string SenderUpn,
    string? Text,
    Guid? ReplyTo,
    IReadOnlyList<string> Mentions,
    IReadOnlyList<ReactionView> Reactions,
    DateTimeOffset SentAt,
    DateTimeOffset? EditedAt,
    bool Deleted,
    Guid? ThreadRootId = null) : ApiView
{
    /// <summary>The files attached to the message (none once it is deleted): download each at /api/chats/{chatId}/files/{fileId}.</summary>
    public IReadOnlyList<ChatFileView> Attachments { get; init; } = [];

    /// <summary>What DLP told the sender about this message: only in the sender's own answer to a send or edit, never pushed or listed.</summary>
    public DlpPolicyTip? PolicyTip { get; init; }
}

/// <summary>The kinds of <see cref="ChatEvent"/>.</summary>
public static class ChatEventKinds
{
    /// <summary>The chat was created (its first event, sequence 1); <see cref="ChatEvent.Chat"/> is set.</summary>
    public const string Created = "Created";

    public const string MessageSent = "MessageSent";
    public const string MessageEdited = "MessageEdited";
    public const string MessageDeleted = "MessageDeleted";

    /// <summary>A reaction was added or removed; <see cref="ChatEvent.Message"/> holds every reaction now.</summary>
    public const string ReactionsChanged = "ReactionsChanged";

    /// <summary>A member was added or left; <see cref="ChatEvent.Chat"/> holds the members now.</summary>
    public const string MembersChanged = "MembersChanged";

    public const string TopicChanged = "TopicChanged";
}

/// <summary>
/// One change to a chat, in the chat's order. <paramref name="Message"/> (message events) and <paramref name="Chat"/>
/// (chat events) are as they stand when the event is read: pushed live, as the change left them; fetched later, as
/// later events left them (a client applying the events in order ends in the same state either way).
/// </summary>
public sealed record ChatEvent(
    Guid ChatId,
    long Sequence,
    string Kind,
    DateTimeOffset At,
    string ActorUpn,
    MessageView? Message,
    ChatView? Chat) : ApiView;

/// <summary>GET /api/chats/{chatId}/events?after=N&amp;take=M: the events after N in order; <paramref name="More"/> when there are others after them.</summary>
public sealed record ChatEventPage(IReadOnlyList<ChatEvent> Events, long LastSequence, bool More) : ApiView;

/// <summary>
/// GET /api/chats/{chatId}/messages?before=N&amp;take=M[&amp;thread=rootId]: messages newest first (in a channel, its root
/// posts; with thread, that post's replies and the post itself); <paramref name="NextBefore"/> for the older page, or null.
/// </summary>
public sealed record MessagePage(IReadOnlyList<MessageView> Messages, long? NextBefore) : ApiView;

/// <summary>Pushed on the chat hub when a member's read position moves (to every member's devices).</summary>
public sealed record ReadPositionView(Guid ChatId, string Upn, long ReadSequence) : ApiView;
