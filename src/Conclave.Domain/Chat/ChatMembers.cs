using Conclave.Domain.Directory;

namespace Conclave.Domain.Chat;

/// <summary>Who may be in a chat, and how many.</summary>
public static class ChatMembers
{
    /// <summary>The most members a chat has: Teams' limit for a group chat.</summary>
    public const int Max = 250;

    /// <summary>
    /// Whether an account of <paramref name="kind"/> may chat: the tenant's members and its invited guests, while their
    /// account is enabled. Federated people chat through their own server, and anonymous or PSTN participants have no
    /// account to hold a chat.
    /// </summary>
    public static bool MayChat(UserKind kind, bool enabled) => enabled && kind is UserKind.Member or UserKind.Guest;

    /// <summary>Null when <paramref name="count"/> members (the creator included) fit a chat of <paramref name="kind"/>; else why not.</summary>
    public static Common.Error? CheckCount(ChatKind kind, int count) =>
        kind == ChatKind.OneOnOne
            ? count == 2 ? null : ChatErrors.InvalidMembers("A one-to-one chat has exactly one other member.")
            : count < 2 ? ChatErrors.InvalidMembers("A group chat names at least one other member.")
            : count > Max ? ChatErrors.TooManyMembers()
            : null;
}
