using System.Globalization;
using System.Text.RegularExpressions;

namespace Conclave.Cli.Cmdlets;

/// <summary>
/// The dates a person types at a shell: <c>now</c>, <c>today</c> and <c>yesterday</c> (midnight UTC), and a time
/// ago as <c>-7d</c>, <c>-12h</c>, <c>-30m</c> or <c>-2w</c>. ISO dates are left to the caller.
/// </summary>
internal static partial class RelativeDate
{
    /// <summary>The accepted forms, for messages and help.</summary>
    public const string Forms = "a date such as 2026-12-01 or 2026-12-01T09:30:00Z, or today, yesterday, now, or a time ago such as -7d, -12h, -30m";

    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(text);
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        switch (text.Trim().ToUpperInvariant())
        {
            case "NOW":
                value = now;
                return true;
            case "TODAY":
                value = today;
                return true;
            case "YESTERDAY":
                value = today.AddDays(-1);
                return true;
        }

        var match = Ago().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            value = default;
            return false;
        }

        var span = char.ToLowerInvariant(match.Groups[2].Value[0]) switch
        {
            'w' => TimeSpan.FromDays(7.0 * amount),
            'd' => TimeSpan.FromDays(amount),
            'h' => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromMinutes(amount),
        };
        // Bounded so that no count overflows a date: ten years back is further than any audit query needs.
        if (span > TimeSpan.FromDays(3660))
        {
            value = default;
            return false;
        }

        value = now - span;
        return true;
    }

    [GeneratedRegex("^-([0-9]{1,6})([wdhmWDHM])$")]
    private static partial Regex Ago();
}
