using Conclave.Domain.Common;

namespace Conclave.Domain.Chat;

/// <summary>The reactions a member may put on a message: Teams' six.</summary>
public static class ChatReactions
{
    public const string Like = "like";
    public const string Heart = "heart";
    public const string Laugh = "laugh";
    public const string Surprised = "surprised";
    public const string Sad = "sad";
    public const string Angry = "angry";

    /// <summary>Every reaction, in the order clients show them.</summary>
    public static IReadOnlyList<string> All { get; } = [Like, Heart, Laugh, Surprised, Sad, Angry];

    /// <summary>The reaction named exactly (lower case); else <c>chat.unknown_reaction</c> listing the known ones.</summary>
    public static Result<string> Parse(string? name)
    {
        foreach (var reaction in All)
        {
            if (string.Equals(reaction, name, StringComparison.Ordinal))
            {
                return reaction;
            }
        }

        return ChatErrors.UnknownReaction(All);
    }
}
