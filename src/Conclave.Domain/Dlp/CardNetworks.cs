namespace Conclave.Domain.Dlp;

/// <summary>
/// The issuer identification number (IIN) ranges and card lengths of the major networks, as each
/// network publishes them: a Luhn-valid number outside every range is not treated as a card (a random
/// 16-digit reference passes Luhn one time in ten; the ranges cut most of those).
/// </summary>
internal static class CardNetworks
{
    private static readonly IinRange[] Ranges =
    [
        new("Visa", 4, 4, Lengths(13, 16, 19)),
        new("Mastercard", 51, 55, Lengths(16)),
        new("Mastercard", 2221, 2720, Lengths(16)),
        new("American Express", 34, 34, Lengths(15)),
        new("American Express", 37, 37, Lengths(15)),
        new("Discover", 6011, 6011, Lengths(16, 17, 18, 19)),
        new("Discover", 644, 649, Lengths(16, 17, 18, 19)),
        new("Discover", 65, 65, Lengths(16, 17, 18, 19)),
        new("Diners Club", 300, 305, Lengths(14, 15, 16, 17, 18, 19)),
        new("Diners Club", 3095, 3095, Lengths(14, 15, 16, 17, 18, 19)),
        new("Diners Club", 36, 36, Lengths(14, 15, 16, 17, 18, 19)),
        new("Diners Club", 38, 39, Lengths(14, 15, 16, 17, 18, 19)),
        new("JCB", 3528, 3589, Lengths(16, 17, 18, 19)),
        new("UnionPay", 62, 62, Lengths(16, 17, 18, 19)),
        new("Maestro", 5018, 5018, Lengths(13, 14, 15, 16, 17, 18, 19)),
        new("Maestro", 5020, 5020, Lengths(13, 14, 15, 16, 17, 18, 19)),
        new("Maestro", 5038, 5038, Lengths(13, 14, 15, 16, 17, 18, 19)),
        new("Maestro", 5893, 5893, Lengths(13, 14, 15, 16, 17, 18, 19)),
        new("Maestro", 6304, 6304, Lengths(13, 14, 15, 16, 17, 18, 19)),
        new("Maestro", 6759, 6759, Lengths(13, 14, 15, 16, 17, 18, 19)),
        new("Maestro", 6761, 6763, Lengths(13, 14, 15, 16, 17, 18, 19)),
        new("Mir", 2200, 2204, Lengths(16, 17, 18, 19)),
    ];

    /// <summary>The network whose range and lengths hold <paramref name="digits"/>, or null.</summary>
    public static string? NetworkOf(ReadOnlySpan<byte> digits)
    {
        foreach (var range in Ranges)
        {
            if ((range.LengthMask & (1 << digits.Length)) != 0 && digits.Length >= range.PrefixDigits)
            {
                var prefix = 0;
                for (var i = 0; i < range.PrefixDigits; i++)
                {
                    prefix = (prefix * 10) + digits[i];
                }

                if (prefix >= range.Low && prefix <= range.High)
                {
                    return range.Network;
                }
            }
        }

        return null;
    }

    private static int Lengths(params int[] lengths) => lengths.Aggregate(0, (mask, length) => mask | (1 << length));

    private sealed record IinRange(string Network, int Low, int High, int LengthMask)
    {
        public int PrefixDigits { get; } = Low.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
    }
}
