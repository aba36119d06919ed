using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.Chat;

/// <summary>The refusals of chat, with the status each maps to (ErrorCodes.Chat's catalog).</summary>
public static class ChatErrors
{
    public static Error NotFound() => new(ErrorCodes.Chat.NotFound, "There is no such chat.", ErrorKind.NotFound);

    public static Error NotMember() => new(ErrorCodes.Chat.NotMember, "You are not a member of this chat.", ErrorKind.Forbidden);

    public static Error InvalidMembers(string why) => new(ErrorCodes.Chat.InvalidMembers, why);

    public static Error TooManyMembers() => new(ErrorCodes.Chat.TooManyMembers, $"A chat has at most {ChatMembers.Max} members.");

    public static Error UnknownMember(string upn) => new(ErrorCodes.Chat.UnknownMember, $"No user has the UPN '{upn}'.");

    public static Error MemberNotAllowed(string upn) =>
        new(ErrorCodes.Chat.MemberNotAllowed, $"{upn} cannot be in a chat (a disabled account, or a kind of user without chat).", ErrorKind.Forbidden);

    public static Error AlreadyMember(string upn) => new(ErrorCodes.Chat.AlreadyMember, $"{upn} is a member of this chat already.", ErrorKind.Conflict);

    public static Error OneOnOneFixed() =>
        new(ErrorCodes.Chat.OneOnOneFixed, "A one-to-one chat keeps its two members and has no topic: start a group chat instead.");

    public static Error InvalidTopic(string why) => new(ErrorCodes.Chat.InvalidTopic, why);

    public static Error InvalidText(string why) => new(ErrorCodes.Chat.InvalidText, why);

    public static Error TextTooLong() =>
        new(ErrorCodes.Chat.TextTooLong, $"A message has at most {ChatText.MaxLength:N0} characters.", ErrorKind.TooLarge);

    public static Error InvalidMention(string upn) => new(ErrorCodes.Chat.InvalidMention, $"'{upn}' is not a member of this chat.");

    public static Error InvalidReply() => new(ErrorCodes.Chat.InvalidReply, "The message replied to is not a message of this chat.");

    public static Error MissingClientMessageId() =>
        new(ErrorCodes.Chat.MissingClientMessageId, "A message needs a ClientMessageId (it makes a resend idempotent).");

    public static Error ClientMessageIdReused() =>
        new(ErrorCodes.Chat.ClientMessageIdReused, "This ClientMessageId was used for a different message of this chat.", ErrorKind.Conflict);

    public static Error MessageNotFound() => new(ErrorCodes.Chat.MessageNotFound, "The chat has no such message.", ErrorKind.NotFound);

    public static Error NotSender() => new(ErrorCodes.Chat.NotSender, "Only the sender can change or delete a message.", ErrorKind.Forbidden);

    public static Error MessageDeleted() => new(ErrorCodes.Chat.MessageDeleted, "The message was deleted and cannot change.", ErrorKind.Conflict);

    public static Error UnknownReaction(IReadOnlyList<string> known) =>
        new(ErrorCodes.Chat.UnknownReaction, $"Not a reaction: use one of {string.Join(", ", known)}.");

    public static Error InvalidCursor(string why) => new(ErrorCodes.Chat.InvalidCursor, why);

    public static Error ChannelManaged() =>
        new(ErrorCodes.Chat.ChannelManaged, "A channel's members and name are its team's: change them through /api/teams.");

    public static Error ReadOnly() => new(ErrorCodes.Chat.ReadOnly, "The chat is read-only (its team is archived or its channel deleted).", ErrorKind.Conflict);

    public static Error InvalidThread(string why) => new(ErrorCodes.Chat.InvalidThread, why);
}
