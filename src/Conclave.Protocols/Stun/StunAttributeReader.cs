using System.Buffers.Binary;

namespace Conclave.Protocols.Stun;

/// <summary>
/// Finds one attribute in a STUN message in place, without building a <see cref="StunMessage"/>:
/// for per-packet paths such as a TURN server's Send indications (RFC 8656 §10.2), where parsing
/// every attribute into objects would allocate per packet. Same bounds checks as
/// <see cref="StunMessage.TryParse"/>; never throws.
/// </summary>
public static class StunAttributeReader
{
    /// <summary>The value of the first attribute of <paramref name="type"/>; false when absent or the message is malformed.</summary>
    public static bool TryFind(ReadOnlySpan<byte> message, StunAttributeType type, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (message.Length < StunMessage.HeaderLength ||
            BinaryPrimitives.ReadUInt16BigEndian(message[2..]) != message.Length - StunMessage.HeaderLength)
        {
            return false;
        }

        var offset = StunMessage.HeaderLength;
        while (message.Length - offset >= 4)
        {
            var attributeType = (StunAttributeType)BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 2)..]);
            var padded = (length + 3) & ~3;
            if (padded > message.Length - offset - 4)
            {
                return false;
            }

            if (attributeType == type)
            {
                value = message.Slice(offset + 4, length);
                return true;
            }

            offset += 4 + padded;
        }

        return false;
    }

    /// <summary>
    /// Whether an indication read in place may be acted on: well framed, its FINGERPRINT right when
    /// present (RFC 8489 §7.3), its values within RFC 8489 §14's lengths, and no comprehension-required
    /// attribute this library does not know (RFC 8489 §6.3.2: such an indication is discarded). The rules
    /// of <see cref="StunMessage.TryParse"/> plus that last one, without allocating.
    /// </summary>
    public static bool IsAcceptableIndication(ReadOnlySpan<byte> message)
    {
        if (!StunMessage.IsStun(message) ||
            BinaryPrimitives.ReadUInt16BigEndian(message[2..]) != message.Length - StunMessage.HeaderLength)
        {
            return false;
        }

        var offset = StunMessage.HeaderLength;
        var afterIntegrity = false;
        while (offset < message.Length)
        {
            if (message.Length - offset < 4)
            {
                return false;
            }

            var type = (StunAttributeType)BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 2)..]);
            var padded = (length + 3) & ~3;
            if (padded > message.Length - offset - 4)
            {
                return false;
            }

            if (type == StunAttributeType.Fingerprint)
            {
                // RFC 8489 §14.7: FINGERPRINT is last; what follows it is ignored.
                return length == 4 && StunFingerprint.Verify(message, offset);
            }

            if ((type == StunAttributeType.MessageIntegrity && length != 20) ||
                (type == StunAttributeType.MessageIntegritySha256 && (length is < 16 or > 32 || (length & 3) != 0)))
            {
                return false;
            }

            if (!afterIntegrity)
            {
                // RFC 8489 §14.5/§14.6: attributes after the integrity attributes are ignored.
                afterIntegrity = type is StunAttributeType.MessageIntegrity or StunAttributeType.MessageIntegritySha256;
                if (!StunAttributeLimits.IsWithinLimits(type, message.Slice(offset + 4, length)) ||
                    ((ushort)type < 0x8000 && !Enum.IsDefined(type)))
                {
                    return false;
                }
            }

            offset += 4 + padded;
        }

        return true;
    }
}
