namespace Conclave.Domain.Policies.Schema;

/// <summary>
/// DNS domain name syntax for federation lists: letters, digits and hyphens (RFC 1035 §2.3.1, as
/// relaxed by RFC 1123 §2.1 to allow a leading digit), labels of 1–63 characters, at most 253 in all,
/// at least two labels, a top-level label that is not all digits. Internationalised names are
/// given in their A-label form (<c>xn--</c>, RFC 5890 §2.3.2.1).
/// </summary>
public static class DomainName
{
    /// <summary>RFC 1035 §2.3.4: 255 octets on the wire, which is 253 characters in text form.</summary>
    public const int MaxLength = 253;

    /// <summary>RFC 1035 §2.3.4: labels are 63 octets or less.</summary>
    public const int MaxLabelLength = 63;

    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxLength)
        {
            return false;
        }

        var labels = 0;
        var lastLabelAllDigits = false;
        while (true)
        {
            var dot = name.IndexOf('.');
            var label = dot < 0 ? name : name[..dot];
            if (!IsValidLabel(label, out lastLabelAllDigits))
            {
                return false;
            }

            labels++;
            if (dot < 0)
            {
                break;
            }

            name = name[(dot + 1)..];
        }

        return labels >= 2 && !lastLabelAllDigits;
    }

    private static bool IsValidLabel(ReadOnlySpan<char> label, out bool allDigits)
    {
        allDigits = true;
        if (label.IsEmpty || label.Length > MaxLabelLength || label[0] == '-' || label[^1] == '-')
        {
            return false;
        }

        foreach (var c in label)
        {
            if (char.IsAsciiDigit(c))
            {
                continue;
            }

            allDigits = false;
            if (!char.IsAsciiLetter(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
