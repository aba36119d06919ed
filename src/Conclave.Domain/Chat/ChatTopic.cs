using Conclave.Domain.Common;

namespace Conclave.Domain.Chat;

/// <summary>The rules on a group chat's topic.</summary>
public static class ChatTopic
{
    /// <summary>The longest topic in UTF-16 code units.</summary>
    public const int MaxLength = 256;

    /// <summary>
    /// The topic to store: null for none (null, empty or whitespace only clears it), else the trimmed text; refused with
    /// <c>chat.invalid_topic</c> when longer than <see cref="MaxLength"/> or holding a control character. Never throws.
    /// </summary>
    public static Result<string?> Normalize(string? topic)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            return Result<string?>.Success(null);
        }

        var trimmed = topic.Trim();
        if (trimmed.Length > MaxLength)
        {
            return ChatErrors.InvalidTopic($"A topic has at most {MaxLength} characters.");
        }

        foreach (var c in trimmed)
        {
            if (char.IsControl(c))
            {
                return ChatErrors.InvalidTopic("A topic holds no control characters.");
            }
        }

        return Result<string?>.Success(trimmed);
    }
}
