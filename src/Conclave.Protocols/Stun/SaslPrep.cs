using System.Text;

namespace Conclave.Protocols.Stun;

/// <summary>
/// SASLprep (RFC 4013) / OpaqueString (RFC 8265) as STUN uses it for passwords and, in the
/// long-term mechanism, usernames and realms (RFC 8489 §9.2.2). Spaces and "mapped to nothing"
/// characters are handled here; compatibility decomposition (NFKC) uses the runtime's
/// normalisation, plus a small built-in table for the characters that appear in credentials
/// (ordinal indicators, super/subscripts, Roman numerals, full-width ASCII) so that it also
/// holds in invariant-globalisation processes where the runtime has no normalisation data.
/// </summary>
public static class SaslPrep
{
    public static bool TryPrepare(string input, out string output)
    {
        output = string.Empty;
        var sb = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (IsNonAsciiSpace(c))
            {
                sb.Append(' ');
            }
            else if (!IsMappedToNothing(c))
            {
                AppendCompatibility(sb, c);
            }
        }

        var mapped = sb.ToString();
        try
        {
            mapped = mapped.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return false;
        }

        foreach (var c in mapped)
        {
            // RFC 4013 §2.3: prohibited output (controls, private use, surrogates halves).
            if (char.IsControl(c) || (c >= '\uE000' && c <= '\uF8FF') || c == '\uFFFD')
            {
                return false;
            }
        }

        output = mapped;
        return true;
    }

    /// <summary>Like <see cref="TryPrepare"/> but returns the input unchanged when it cannot be prepared.</summary>
    public static string Prepare(string input) => TryPrepare(input, out var output) ? output : input;

    private static bool IsNonAsciiSpace(char c) =>
        c is '\u00A0' or '\u1680' or '\u202F' or '\u205F' or '\u3000' || (c >= '\u2000' && c <= '\u200A');

    private static bool IsMappedToNothing(char c) =>
        c is '\u00AD' or '\u034F' or '\u1806' or '\u180B' or '\u180C' or '\u180D' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF'
        || (c >= '\uFE00' && c <= '\uFE0F');

    private static void AppendCompatibility(StringBuilder sb, char c)
    {
        switch (c)
        {
            case '\u00AA': sb.Append('a'); return;
            case '\u00BA': sb.Append('o'); return;
            case '\u00B2': sb.Append('2'); return;
            case '\u00B3': sb.Append('3'); return;
            case '\u00B9': sb.Append('1'); return;
            case '\u2122': sb.Append("TM"); return;
        }

        if (c >= '\u2160' && c <= '\u217F')
        {
            string[] roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "L", "C", "D", "M"];
            var index = c - '\u2160';
            var text = roman[index % 16];
            sb.Append(index >= 16 ? text.ToLowerInvariant() : text);
            return;
        }

        if (c >= '\uFF01' && c <= '\uFF5E')
        {
            sb.Append((char)(c - 0xFEE0));
            return;
        }

        sb.Append(c);
    }
}
