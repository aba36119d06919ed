using System.Text;

namespace Conclave.Protocols.Stun;

/// <summary>
/// The value lengths RFC 8489 §14 sets, checked by <see cref="StunMessage.TryParse"/> and
/// <see cref="StunAttributeReader.IsAcceptableIndication"/> so that no caller ever sees an over-long
/// USERNAME, REALM, NONCE, SOFTWARE or reason phrase. Integrity and FINGERPRINT lengths are checked
/// where those attributes are located; fixed-size values (LIFETIME, PRIORITY, addresses) by their readers.
/// </summary>
internal static class StunAttributeLimits
{
    /// <summary>
    /// RFC 8489 §14.3: a sender keeps USERNAME under 509 bytes, and a receiver "MUST be able to parse a
    /// UTF-8-encoded sequence of 763 or fewer octets" for RFC 5389 senders; longer is refused.
    /// </summary>
    public const int MaxUsernameBytes = 763;

    /// <summary>
    /// RFC 8489 §14.8 (reason phrase), §14.9 (REALM), §14.10 (NONCE), §14.14 (SOFTWARE): fewer than 128
    /// characters, "as long as 763 bytes when decoding them".
    /// </summary>
    public const int MaxTextBytes = 763;

    /// <summary>RFC 8489 §14.8–§14.10, §14.14: fewer than 128 characters.</summary>
    public const int MaxTextCharacters = 127;

    /// <summary>RFC 8489 §14.4: USERHASH is a SHA-256, 32 bytes.</summary>
    public const int UserhashLength = 32;

    /// <summary>RFC 8489 §14.16: ALTERNATE-DOMAIN is a DNS name of 255 or fewer ASCII characters.</summary>
    public const int MaxAlternateDomainLength = 255;

    /// <summary>ERROR-CODE's fixed part before the reason phrase (RFC 8489 §14.8).</summary>
    private const int ErrorCodeHeaderLength = 4;

    /// <summary>False when the value breaks its type's RFC 8489 §14 length rule; attributes without one pass.</summary>
    public static bool IsWithinLimits(StunAttributeType type, ReadOnlySpan<byte> value) => type switch
    {
        StunAttributeType.Username => value.Length <= MaxUsernameBytes,
        StunAttributeType.Userhash => value.Length == UserhashLength,
        StunAttributeType.Realm or StunAttributeType.Nonce or StunAttributeType.Software => IsShortText(value),
        StunAttributeType.ErrorCode => value.Length >= ErrorCodeHeaderLength && IsShortText(value[ErrorCodeHeaderLength..]),
        StunAttributeType.AlternateDomain => value.Length <= MaxAlternateDomainLength && Ascii.IsValid(value),
        _ => true,
    };

    private static bool IsShortText(ReadOnlySpan<byte> value) =>
        value.Length <= MaxTextBytes && CountCharacters(value) <= MaxTextCharacters;

    /// <summary>
    /// UTF-8 characters, counted without decoding: every byte but a continuation byte (10xxxxxx) starts
    /// one. Malformed sequences are refused later by the strict decoder of <see cref="StunMessage.TryGetString"/>.
    /// </summary>
    private static int CountCharacters(ReadOnlySpan<byte> value)
    {
        var count = 0;
        foreach (var b in value)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }
}
