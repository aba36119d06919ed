namespace Conclave.Domain.Dlp;

/// <summary>
/// The IBAN check (ISO 13616-1 §6, with ISO/IEC 7064 MOD 97-10): move the country code and check digits
/// to the end, read each letter as two digits (A = 10 … Z = 35), and the whole number modulo 97 must be 1.
/// Computed digit by digit, so any length works without big integers.
/// </summary>
internal static class Iso7064Mod97
{
    /// <summary>Whether <paramref name="iban"/> (compact, capital letters and digits only) passes the check.</summary>
    public static bool IsValidIban(ReadOnlySpan<char> iban)
    {
        if (iban.Length < 5)
        {
            return false;
        }

        var remainder = 0;
        for (var i = 0; i < iban.Length; i++)
        {
            var c = iban[(i + 4) % iban.Length];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }
}
