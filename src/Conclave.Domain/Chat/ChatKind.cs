using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.Chat;

/// <summary>The kinds of chat (<see cref="ChatKindNames"/> on the wire).</summary>
public enum ChatKind
{
    /// <summary>Two people, one chat per pair; its members never change and it has no topic.</summary>
    OneOnOne,

    /// <summary>Up to <see cref="ChatMembers.Max"/> members and an optional topic.</summary>
    Group,

    /// <summary>A team's channel: its members are kept by the team, it has no topic of its own, and its posts are threads.</summary>
    Channel,
}

/// <summary>Parsing <see cref="ChatKind"/> from its wire name.</summary>
public static class ChatKinds
{
    /// <summary>
    /// The kind named exactly <see cref="ChatKindNames.OneOnOne"/> or <see cref="ChatKindNames.Group"/>; else
    /// <c>chat.invalid_kind</c> (a channel's chat is made by its team, never through the chat API).
    /// </summary>
    public static Result<ChatKind> Parse(string? name) => name switch
    {
        ChatKindNames.OneOnOne => ChatKind.OneOnOne,
        ChatKindNames.Group => ChatKind.Group,
        _ => new Error(ErrorCodes.Chat.InvalidKind, $"A chat's kind is {ChatKindNames.OneOnOne} or {ChatKindNames.Group}."),
    };

    public static string NameOf(ChatKind kind) => kind switch
    {
        ChatKind.OneOnOne => ChatKindNames.OneOnOne,
        ChatKind.Channel => ChatKindNames.Channel,
        _ => ChatKindNames.Group,
    };
}
