namespace Conclave.Domain.Dlp;

/// <summary>
/// The excerpt of a match that may be shown to the sender or written to an audit record: every letter
/// and digit becomes <c>*</c> except the last four, and only when the value has at least eight (so a
/// short value is never mostly revealed); separators stay so the shape is recognisable
/// (<c>**** **** **** 1234</c>, <c>***-**-6789</c>).
/// </summary>
internal static class Masking
{
    /// <summary>A custom pattern can match long text: the excerpt keeps only its last 64 characters.</summary>
    public const int MaxExcerptChars = 64;

    private const int RevealedChars = 4;
    private const int MinLengthToReveal = 8;

    public static string Mask(ReadOnlySpan<char> value)
    {
        var clipped = value.Length > MaxExcerptChars;
        if (clipped)
        {
            value = value[^MaxExcerptChars..];
        }

        var alphanumerics = 0;
        foreach (var c in value)
        {
            if (char.IsLetterOrDigit(c))
            {
                alphanumerics++;
            }
        }

        var reveal = alphanumerics >= MinLengthToReveal ? RevealedChars : 0;
        Span<char> masked = stackalloc char[MaxExcerptChars + 1];
        var at = 0;
        if (clipped)
        {
            masked[at++] = '…';
        }

        var seen = 0;
        foreach (var c in value)
        {
            if (char.IsLetterOrDigit(c))
            {
                seen++;
                masked[at++] = seen > alphanumerics - reveal ? c : '*';
            }
            else
            {
                masked[at++] = char.IsControl(c) || char.IsSurrogate(c) ? ' ' : c;
            }
        }

        return new string(masked[..at]);
    }
}
