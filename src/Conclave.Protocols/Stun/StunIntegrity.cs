using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Conclave.Protocols.Stun;

/// <summary>MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 §14.5) and MESSAGE-INTEGRITY-SHA256 (§14.6).</summary>
internal static class StunIntegrity
{
    /// <summary>
    /// HMAC over the message up to the attribute at <paramref name="attributeOffset"/>, with the header
    /// length adjusted to end at that attribute (RFC 8489 §14.5: as if it were the last attribute).
    /// </summary>
    public static void Compute(ReadOnlySpan<byte> message, int attributeOffset, int attributeValueLength, ReadOnlySpan<byte> key, bool sha256, Span<byte> mac)
    {
        // One-shot HMAC over a pooled copy with the patched length: no HMAC object per message.
        var copy = ArrayPool<byte>.Shared.Rent(attributeOffset);
        try
        {
            var input = copy.AsSpan(0, attributeOffset);
            message[..attributeOffset].CopyTo(input);
            BinaryPrimitives.WriteUInt16BigEndian(input[2..], (ushort)(attributeOffset + 4 + attributeValueLength - StunMessage.HeaderLength));
            if (sha256)
            {
                HMACSHA256.HashData(key, input, mac);
            }
            else
            {
#pragma warning disable CA5350 // RFC 8489 §14.5: MESSAGE-INTEGRITY is HMAC-SHA1.
                HMACSHA1.HashData(key, input, mac);
#pragma warning restore CA5350
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    public static bool Verify(ReadOnlySpan<byte> message, int attributeOffset, ReadOnlySpan<byte> key, bool sha256)
    {
        if (attributeOffset + 4 > message.Length)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(message[(attributeOffset + 2)..]);
        if (attributeOffset + 4 + length > message.Length || length > (sha256 ? 32 : 20))
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[sha256 ? 32 : 20];
        Compute(message, attributeOffset, length, key, sha256, mac);
        return CryptographicOperations.FixedTimeEquals(mac[..length], message.Slice(attributeOffset + 4, length));
    }
}
