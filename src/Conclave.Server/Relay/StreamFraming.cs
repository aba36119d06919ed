using System.Buffers.Binary;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;

namespace Conclave.Server.Relay;

/// <summary>
/// Message boundaries on a TCP or TLS stream (RFC 8656 §12.5, RFC 8489 §6.2.2): a STUN message is
/// its 20-byte header plus the length field; ChannelData is 4 bytes plus its length padded to 4.
/// </summary>
internal static class StreamFraming
{
    /// <summary>Both header forms are 4 bytes long enough to know the frame length.</summary>
    public const int PrefixLength = 4;

    /// <summary>
    /// Reads the frame length (any 0x4000–0x7FFF prefix is framed as ChannelData; the channel range is checked later) from the first 4 bytes. False when the bytes are neither STUN nor
    /// ChannelData: the stream has lost its framing and must be closed.
    /// </summary>
    public static bool TryGetFrameLength(ReadOnlySpan<byte> prefix, out int length)
    {
        length = 0;
        if (prefix.Length < PrefixLength)
        {
            return false;
        }

        int declared = BinaryPrimitives.ReadUInt16BigEndian(prefix[2..]);
        if ((prefix[0] & 0xC0) == 0)
        {
            if ((declared & 3) != 0)
            {
                return false;
            }

            length = StunMessage.HeaderLength + declared;
            return true;
        }

        if (prefix[0] is >= 0x40 and <= 0x7F)
        {
            length = ChannelData.HeaderLength + ((declared + 3) & ~3);
            return true;
        }

        return false;
    }
}
