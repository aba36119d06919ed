namespace Conclave.Domain.Dlp;

/// <summary>
/// A bound on what counted repetitions (<c>{n}</c>, <c>{n,}</c>, <c>{n,m}</c>) cost the non-backtracking
/// engine. It unrolls them into automaton states, so its matching time, though linear in the text, grows
/// with the bounds: <c>[a-z]{1,1000}x</c> takes about 6 s on 1 Mi characters where <c>[a-z]{1,100}x</c>
/// takes a quarter of a second. The engine refuses patterns whose estimated size passes its own limit, but
/// its estimate can overflow on deep nesting (<c>((((a{1,1000}){1,1000}){1,1000}){1,1000})</c> is
/// accepted and takes seconds per 100 KB). So each bound is capped, and so is the product of the bounds
/// on groups, which is where nesting multiplies.
/// </summary>
internal static class PatternRepetitionBounds
{
    public const int MaxBound = 100;

    public const int MaxGroupProduct = 1_000;

    /// <summary>Whether <paramref name="pattern"/> stays within both caps (a pattern that does not parse is left to the engine to refuse).</summary>
    public static bool AreAcceptable(string pattern)
    {
        long groupProduct = 1;
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                continue;
            }

            if (c != '{' || !TryReadBound(pattern, i + 1, out var bound))
            {
                continue;
            }

            if (bound > MaxBound)
            {
                return false;
            }

            if (i > 0 && pattern[i - 1] == ')')
            {
                groupProduct *= Math.Max(bound, 1);
                if (groupProduct > MaxGroupProduct)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Reads <c>n}</c>, <c>n,}</c> or <c>n,m}</c> from <paramref name="at"/>: the larger number (huge ones read as past any cap).</summary>
    private static bool TryReadBound(string pattern, int at, out long bound)
    {
        const long Huge = long.MaxValue / 2;
        long current = 0;
        long largest = 0;
        var digits = 0;
        for (var i = at; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
                current = digits > 9 ? Huge : (current * 10) + (c - '0');
            }
            else if (c == ',')
            {
                largest = Math.Max(largest, current);
                current = 0;
                digits = 0;
            }
            else
            {
                bound = Math.Max(largest, current);
                return c == '}' && i > at;
            }
        }

        bound = 0;
        return false;
    }
}
