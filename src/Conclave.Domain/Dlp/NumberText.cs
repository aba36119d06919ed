namespace Conclave.Domain.Dlp;

/// <summary>The digits of a matched number and whether it stands alone in its text.</summary>
internal static class NumberText
{
    /// <summary>The separator of a number written without one.</summary>
    public const char NoSeparator = '\0';

    /// <summary>Copies the ASCII digits of <paramref name="value"/>; -1 when there are more than fit.</summary>
    public static int CopyDigits(ReadOnlySpan<char> value, Span<byte> digits)
    {
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return -1;
                }

                digits[count++] = (byte)(c - '0');
            }
        }

        return count;
    }

    /// <summary>The first character that is not a digit (the patterns allow one kind per number), or <see cref="NoSeparator"/>.</summary>
    public static char SeparatorOf(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return c;
            }
        }

        return NoSeparator;
    }

    /// <summary>
    /// Whether the number at [<paramref name="start"/>, <paramref name="end"/>) is a whole number and not
    /// a piece of a longer one: it must not continue, on either side, with its own separator and another
    /// digit ("4111 1111 1111 1111 2025" is five groups, not a card), nor with a dash, dot or slash and a
    /// digit (phone numbers, dates, decimals, order references such as 2024-123456789-01). Letters and
    /// digits right next to it are already excluded by the patterns.
    /// </summary>
    public static bool StandsAlone(ReadOnlySpan<char> text, int start, int end, char separator)
    {
        var joinedBefore = start >= 2 && char.IsAsciiDigit(text[start - 2]) && Joins(text[start - 1], separator);
        var joinedAfter = end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]) && Joins(text[end], separator);
        return !joinedBefore && !joinedAfter;
    }

    public static bool AllSame(ReadOnlySpan<byte> digits) => digits.Length > 0 && !digits.ContainsAnyExcept(digits[0]);

    private static bool Joins(char c, char separator) =>
        c is '-' or '.' or '/' || (separator != NoSeparator && c == separator);
}
