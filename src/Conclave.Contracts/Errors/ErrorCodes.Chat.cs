namespace Conclave.Contracts.Errors;

public static partial class ErrorCodes
{
    /// <summary>Chats and their messages (/api/chats, the chat hub).</summary>
    public static class Chat
    {
        public const string NotFound = "chat.not_found";
        public const string NotMember = "chat.not_member";
        public const string InvalidKind = "chat.invalid_kind";
        public const string InvalidMembers = "chat.invalid_members";
        public const string TooManyMembers = "chat.too_many_members";
        public const string UnknownMember = "chat.unknown_member";
        public const string MemberNotAllowed = "chat.member_not_allowed";
        public const string AlreadyMember = "chat.already_member";
        public const string OneOnOneFixed = "chat.one_on_one_fixed";
        public const string InvalidTopic = "chat.invalid_topic";
        public const string InvalidText = "chat.invalid_text";
        public const string TextTooLong = "chat.text_too_long";
        public const string InvalidMention = "chat.invalid_mention";
        public const string InvalidReply = "chat.invalid_reply";
        public const string MissingClientMessageId = "chat.missing_client_message_id";
        public const string ClientMessageIdReused = "chat.client_message_id_reused";
        public const string MessageNotFound = "chat.message_not_found";
        public const string NotSender = "chat.not_sender";
        public const string MessageDeleted = "chat.message_deleted";
        public const string UnknownReaction = "chat.unknown_reaction";
        public const string InvalidCursor = "chat.invalid_cursor";
        public const string ChannelManaged = "chat.channel_managed";
        public const string ReadOnly = "chat.read_only";
        public const string InvalidThread = "chat.invalid_thread";

        public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
        [
            new(NotFound, "404: there is no such chat."),
            new(NotMember, "403: the caller is not a member of this chat; nothing was read or stored."),
            new(InvalidKind, "400: the kind is not OneOnOne or Group."),
            new(InvalidMembers, "400: the member list is missing, names the caller or someone twice, or does not fit the kind (a one-to-one chat has exactly one other member)."),
            new(TooManyMembers, "400: a chat has at most 250 members."),
            new(UnknownMember, "400: no user has this UPN."),
            new(MemberNotAllowed, "403: this user cannot be in a chat (a disabled account, or a kind of user without chat)."),
            new(AlreadyMember, "409: the user is a member of the chat already."),
            new(OneOnOneFixed, "400: a one-to-one chat keeps its two members and has no topic: start a group chat instead."),
            new(InvalidTopic, "400: the topic is longer than 256 characters or holds control characters."),
            new(InvalidText, "400: the text is empty, holds control characters other than line breaks and tabs, or unpaired surrogates."),
            new(TextTooLong, "413: the text is longer than the limit (28,000 characters)."),
            new(InvalidMention, "400: a mention names someone who is not a member of the chat."),
            new(InvalidReply, "400: the message replied to is not a message of this chat."),
            new(MissingClientMessageId, "400: a message needs the sender's ClientMessageId (it makes a resend idempotent)."),
            new(ClientMessageIdReused, "409: this ClientMessageId was used for a different message of this chat."),
            new(MessageNotFound, "404: the chat has no such message."),
            new(NotSender, "403: only the sender can edit or delete a message."),
            new(MessageDeleted, "409: the message was deleted and cannot change."),
            new(UnknownReaction, "400: not a reaction; the message lists the known ones (like, heart, laugh, surprised, sad, angry)."),
            new(InvalidCursor, "400: after, before or take is out of range (after and before at least 0, take from 1 to 200)."),
            new(ChannelManaged, "400: a channel's members and name are the team's: change them through /api/teams."),
            new(ReadOnly, "409: the chat is read-only (its team is archived or its channel deleted)."),
            new(InvalidThread, "400: a thread is a channel's root post: a reply names a root post of the same channel, and only a channel has threads."),
        ];
    }
}
