namespace Conclave.Domain.Dlp;

/// <summary>
/// The Luhn check digit (ISO/IEC 7812-1 Annex B) of payment card numbers and Canadian social insurance
/// numbers: from the right, every second digit is doubled (minus 9 when above 9); the sum is a multiple of 10.
/// It catches every single-digit error and most transpositions of neighbours.
/// </summary>
internal static class Luhn
{
    public static bool IsValid(ReadOnlySpan<byte> digits)
    {
        if (digits.Length < 2)
        {
            return false;
        }

        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = (int)digits[i];
            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }
}
