namespace Conclave.Protocols.Sdp;

/// <summary>Character classes of the RFC 8866 §9 grammar.</summary>
internal static class SdpText
{
    /// <summary><c>token-char</c> (RFC 8866 §9): visible ASCII except the separators listed there.</summary>
    public static bool IsTokenChar(char c) =>
        c is '!' or (>= '#' and <= '\'') or '*' or '+' or '-' or '.' or (>= '0' and <= '9') or (>= 'A' and <= 'Z') or (>= '^' and <= '~');

    public static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Digits only (no sign, no spaces), fitting in 64 bits.</summary>
    public static bool TryParseUInt64(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        return IsDigits(text) && ulong.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseUInt32(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        return IsDigits(text) && uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    /// <summary>An RTP payload type: 0–127 (RFC 3550 §5.1).</summary>
    public static bool TryParsePayloadType(ReadOnlySpan<char> text, out byte payloadType)
    {
        payloadType = 0;
        if (!TryParseUInt32(text, out uint value) || value > 127)
        {
            return false;
        }

        payloadType = (byte)value;
        return true;
    }
}
