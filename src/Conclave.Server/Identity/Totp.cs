using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Conclave.Server.Identity;

/// <summary>RFC 6238 TOTP over RFC 4226 HOTP with HMAC-SHA-1: the codes authenticator apps show.</summary>
public static class Totp
{
    /// <summary>RFC 6238 §4.1: X, the time step, default 30 seconds.</summary>
    public static readonly TimeSpan TimeStep = TimeSpan.FromSeconds(30);

    /// <summary>RFC 6238 §4.2: T = (Current Unix time - T0) / X, with T0 = 0.</summary>
    public static long TimeStepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / (long)TimeStep.TotalSeconds;

    /// <summary>RFC 4226 §5.3: HOTP(K, C) = Truncate(HMAC-SHA-1(K, C)) mod 10^digits.</summary>
    public static int Code(ReadOnlySpan<byte> key, long timeStep, int digits = 6)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, timeStep);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
#pragma warning disable CA5350 // RFC 6238 §1.2 / RFC 4226: HMAC-SHA-1 is what authenticator apps compute; HMAC keeps it sound.
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350

        // RFC 4226 §5.4: dynamic truncation from the offset in the low nibble of the last byte.
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFF_FFFF;
        var modulus = 1;
        for (var i = 0; i < digits; i++)
        {
            modulus *= 10;
        }

        return binary % modulus;
    }

    /// <summary>Parses a 6-digit code as typed (spaces removed); false for anything else.</summary>
    public static bool TryParseCode(string? text, out int code)
    {
        code = 0;
        var digits = (text ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length != 6)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            code = (code * 10) + (c - '0');
        }

        return true;
    }
}
