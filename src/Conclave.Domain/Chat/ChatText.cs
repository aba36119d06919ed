using System.Text;
using Conclave.Domain.Common;

namespace Conclave.Domain.Chat;

/// <summary>The rules on a message's text (Markdown, rendered inert by clients: docs/api.md, "Chat").</summary>
public static class ChatText
{
    /// <summary>The longest text in UTF-16 code units: Teams' limit for a chat message (about 28 KB).</summary>
    public const int MaxLength = 28_000;

    /// <summary>
    /// Null when <paramref name="text"/> may be sent; else <c>chat.invalid_text</c> (missing, empty or whitespace only, a
    /// control character other than <c>\n</c>, <c>\r</c>, <c>\t</c>, an unpaired surrogate) or <c>chat.text_too_long</c>.
    /// Never throws.
    /// </summary>
    public static Error? Check(string? text)
    {
        if (text is null || string.IsNullOrWhiteSpace(text))
        {
            return ChatErrors.InvalidText("A message needs some text.");
        }

        if (text.Length > MaxLength)
        {
            return ChatErrors.TextTooLong();
        }

        // Rune decoding reports an unpaired surrogate as an invalid sequence.
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return ChatErrors.InvalidText("The text holds an unpaired surrogate.");
            }

            if (Rune.IsControl(rune) && rune.Value is not ('\n' or '\r' or '\t'))
            {
                return ChatErrors.InvalidText("The text holds a control character (only line breaks and tabs are allowed).");
            }

            rest = rest[consumed..];
        }

        return null;
    }
}
