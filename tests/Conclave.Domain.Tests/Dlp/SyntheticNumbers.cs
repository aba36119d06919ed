using System.Globalization;
using System.Numerics;
using System.Text;

namespace Conclave.Domain.Tests.Dlp;

/// <summary>
/// Made-up numbers that pass each type's checks, from a seeded generator so every run sees the same
/// ones. The checks here are written independently of the product's (Luhn by hand, mod 97 with
/// <see cref="BigInteger"/>), so a shared mistake cannot hide. No number belongs to anyone: card and
/// account digits are random, and the SSNs and SINs only have to satisfy published rules.
/// </summary>
internal sealed class SyntheticNumbers(int seed)
{
    /// <summary>The card kinds <see cref="Card"/> knows, one per network and length the scanner accepts.</summary>
    public static readonly string[] CardKinds =
        ["visa", "visa13", "visa19", "mastercard", "mastercard2", "amex", "discover", "diners", "jcb", "unionpay", "maestro", "mir"];

    /// <summary>Countries <see cref="Iban"/> knows, with their IBAN length (SWIFT registry).</summary>
    public static readonly Dictionary<string, int> IbanLengths = new(StringComparer.Ordinal)
    {
        ["AT"] = 20,
        ["BE"] = 16,
        ["BG"] = 22,
        ["CH"] = 21,
        ["CY"] = 28,
        ["CZ"] = 24,
        ["DE"] = 22,
        ["DK"] = 18,
        ["EE"] = 20,
        ["ES"] = 24,
        ["FI"] = 18,
        ["FR"] = 27,
        ["GB"] = 22,
        ["GR"] = 27,
        ["HR"] = 21,
        ["HU"] = 28,
        ["IE"] = 22,
        ["IS"] = 26,
        ["IT"] = 27,
        ["LI"] = 21,
        ["LT"] = 20,
        ["LU"] = 20,
        ["LV"] = 21,
        ["MC"] = 27,
        ["MT"] = 31,
        ["NL"] = 18,
        ["NO"] = 15,
        ["PL"] = 28,
        ["PT"] = 25,
        ["RO"] = 24,
        ["SE"] = 24,
        ["SI"] = 19,
        ["SK"] = 24,
        ["SM"] = 27,
        ["AD"] = 24,
        ["SA"] = 24,
        ["TR"] = 26,
        ["BR"] = 29,
        ["AE"] = 23,
        ["IL"] = 23,
    };

#pragma warning disable RS0030 // a seeded Random on purpose (the benchmark links this file): the same numbers every run; nothing here is secret
    private readonly Random _random = new(seed);
#pragma warning restore RS0030

    /// <summary>A Luhn-valid card number of <paramref name="kind"/>, digits only.</summary>
    public string Card(string kind)
    {
        var (prefix, length) = kind switch
        {
            "visa" => ("4", 16),
            "visa13" => ("4", 13),
            "visa19" => ("4", 19),
            "mastercard" => (_random.Next(51, 56).ToString(CultureInfo.InvariantCulture), 16),
            "mastercard2" => (_random.Next(2221, 2721).ToString(CultureInfo.InvariantCulture), 16),
            "amex" => (_random.Next(2) == 0 ? "34" : "37", 15),
            "discover" => ("6011", 16),
            "diners" => ("36", 14),
            "jcb" => (_random.Next(3528, 3590).ToString(CultureInfo.InvariantCulture), 16),
            "unionpay" => ("62", 16),
            "maestro" => ("6759", 16),
            "mir" => (_random.Next(2200, 2205).ToString(CultureInfo.InvariantCulture), 16),
            _ => throw new ArgumentException($"unknown card kind {kind}", nameof(kind)),
        };
        var payload = prefix + Digits(length - 1 - prefix.Length);
        return payload + LuhnCheckDigit(payload);
    }

    /// <summary>A valid IBAN of <paramref name="country"/>, compact.</summary>
    public string Iban(string country)
    {
        var bbanLength = IbanLengths[country] - 4;

        // GB, IE and NL start the BBAN with a four-letter bank code; elsewhere digits are enough.
        var bban = country is "GB" or "IE" or "NL" ? Letters(4) + Digits(bbanLength - 4) : Digits(bbanLength);
        var check = 98 - Mod97(bban + country + "00");
        return country + check.ToString("00", CultureInfo.InvariantCulture) + bban;
    }

    /// <summary>An issuable SSN (area 001–899 but not 666, group 01–99, serial 0001–9999), digits only.</summary>
    public string Ssn()
    {
        int area;
        do
        {
            area = _random.Next(1, 900);
        }
        while (area == 666);
        return string.Create(CultureInfo.InvariantCulture, $"{area:000}{_random.Next(1, 100):00}{_random.Next(1, 10000):0000}");
    }

    /// <summary>A Luhn-valid SIN whose first digit is a region (1–7) or 9, digits only.</summary>
    public string Sin()
    {
        var first = "12345679"[_random.Next(8)];
        var payload = first + Digits(7);
        return payload + LuhnCheckDigit(payload);
    }

    /// <summary><paramref name="value"/> with one digit (not the first: that would change the network or country) replaced by another.</summary>
    public string ChangeOneDigit(string value)
    {
        var positions = Enumerable.Range(1, value.Length - 1).Where(i => char.IsAsciiDigit(value[i])).ToArray();
        var at = positions[_random.Next(positions.Length)];
        var digit = (char)('0' + ((value[at] - '0' + _random.Next(1, 10)) % 10));
        return string.Concat(value.AsSpan(0, at), [digit], value.AsSpan(at + 1));
    }

    public int Next(int max) => _random.Next(max);

    /// <summary>A card number in its printed groups: 4-4-4-4, 4-4-4-4-3, 4-6-5 (15) or 4-6-4 (14); 13 digits stay whole.</summary>
    public static string GroupCard(string digits, string separator)
    {
        int[] groups = digits.Length switch
        {
            14 => [4, 6, 4],
            15 => [4, 6, 5],
            16 => [4, 4, 4, 4],
            19 => [4, 4, 4, 4, 3],
            _ => [digits.Length],
        };
        return Group(digits, groups, separator);
    }

    /// <summary>An IBAN in groups of four separated by spaces (ISO 13616-1 print format).</summary>
    public static string GroupIban(string compact) =>
        string.Join(' ', Enumerable.Range(0, (compact.Length + 3) / 4).Select(i => compact.Substring(i * 4, Math.Min(4, compact.Length - (i * 4)))));

    public static string Group(string digits, int[] groups, string separator)
    {
        var parts = new List<string>();
        var at = 0;
        foreach (var length in groups)
        {
            parts.Add(digits.Substring(at, length));
            at += length;
        }

        return string.Join(separator, parts);
    }

    public static bool LuhnValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? (d * 2) - 9 : d * 2) : d;
        }

        return sum % 10 == 0;
    }

    public static bool IbanValid(string compact) => Mod97(compact[4..] + compact[..4]) == 1;

    private static char LuhnCheckDigit(string payload)
    {
        for (var d = '0'; d <= '9'; d++)
        {
            if (LuhnValid(payload + d))
            {
                return d;
            }
        }

        throw new InvalidOperationException("Luhn always has a check digit");
    }

    private static int Mod97(string alphanumeric)
    {
        var number = new StringBuilder();
        foreach (var c in alphanumeric)
        {
            number.Append(char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture));
        }

        return (int)(BigInteger.Parse(number.ToString(), CultureInfo.InvariantCulture) % 97);
    }

    private string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + _random.Next(10))));

    private string Letters(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('A' + _random.Next(26))));
}
