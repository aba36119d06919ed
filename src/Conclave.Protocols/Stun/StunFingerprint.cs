using System.Buffers.Binary;

namespace Conclave.Protocols.Stun;

/// <summary>FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to the attribute, XOR 0x5354554e.</summary>
internal static class StunFingerprint
{
    public const uint XorValue = 0x5354554E;

    private static readonly uint[] Table = BuildTable();

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    /// <summary>Computes the value for a FINGERPRINT attribute starting at <paramref name="attributeOffset"/>, with the header length covering it.</summary>
    public static uint Compute(ReadOnlySpan<byte> message, int attributeOffset)
    {
        // RFC 8489 §14.7: the length field includes the FINGERPRINT attribute itself.
        Span<byte> header = stackalloc byte[StunMessage.HeaderLength];
        message[..StunMessage.HeaderLength].CopyTo(header);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(attributeOffset + 8 - StunMessage.HeaderLength));
        var crc = Update(0xFFFFFFFFu, header);
        crc = Update(crc, message[StunMessage.HeaderLength..attributeOffset]);
        return ~crc ^ XorValue;
    }

    public static bool Verify(ReadOnlySpan<byte> message, int attributeOffset) =>
        attributeOffset + 8 <= message.Length &&
        BinaryPrimitives.ReadUInt32BigEndian(message[(attributeOffset + 4)..]) == Compute(message, attributeOffset);

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
