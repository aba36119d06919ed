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
}
