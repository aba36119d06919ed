using System.Net;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.ConditionalAccess;

/// <summary>
/// A named location: a list of IP ranges under a name, trusted or not (Entra's "IP ranges location"; a policy
/// names it, or all trusted ones, among its conditions).
/// </summary>
public sealed class NamedLocation
{
    /// <summary>The most ranges one location holds (Entra's limit: 2,000 ranges per named location).</summary>
    public const int MaxRanges = 2000;

    private NamedLocation(string name, IReadOnlyList<IpRange> ranges, bool isTrusted)
    {
        Name = name;
        Ranges = ranges;
        IsTrusted = isTrusted;
    }

    public string Name { get; }

    public IReadOnlyList<IpRange> Ranges { get; }

    public bool IsTrusted { get; }

    /// <summary>The location, or why not: a bad name, a bad range (the first, by its text), none or too many ranges.</summary>
    public static Result<NamedLocation> Create(string? name, IReadOnlyList<string>? ranges, bool isTrusted)
    {
        var validName = AccessNames.Validate(name, "named location");
        if (!validName.IsSuccess)
        {
            return validName.Error;
        }

        var parsed = ParseRanges(ranges);
        return parsed.IsSuccess ? new NamedLocation(validName.Value, parsed.Value, isTrusted) : parsed.Error;
    }

    /// <summary>The ranges, parsed, duplicates dropped; at least one and at most <see cref="MaxRanges"/>.</summary>
    public static Result<IReadOnlyList<IpRange>> ParseRanges(IReadOnlyList<string>? ranges)
    {
        if (ranges is null || ranges.Count == 0 || ranges.Count > MaxRanges)
        {
            return new Error(ErrorCodes.Access.TooManyRanges, $"A named location needs at least one IP range and at most {MaxRanges}.");
        }

        var parsed = new List<IpRange>(ranges.Count);
        foreach (var text in ranges)
        {
            var trimmed = (text ?? "").Trim();
            if (!IpRange.TryParse(trimmed, out var range, out var error))
            {
                var shown = trimmed.Length > IpRange.MaxTextLength ? trimmed[..IpRange.MaxTextLength] + "…" : trimmed;
                return new Error(ErrorCodes.Access.InvalidIpRange, $"The IP range '{shown}' {error}.");
            }

            if (!parsed.Contains(range!))
            {
                parsed.Add(range!);
            }
        }

        return parsed;
    }

    /// <summary>Whether the address is in one of the ranges.</summary>
    public bool Contains(IPAddress address)
    {
        foreach (var range in Ranges)
        {
            if (range.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
