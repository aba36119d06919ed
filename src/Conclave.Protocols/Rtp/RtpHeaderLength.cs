using System.Buffers.Binary;
using Conclave.Protocols.Srtp;

namespace Conclave.Protocols.Rtp;

/// <summary>The length of an RTP header (RFC 3550 §5.1, §5.3.1) as SRTP needs it, without a full parse.</summary>
internal static class RtpHeaderLength
{
    public const int Fixed = 12;

    public static bool TryRead(ReadOnlySpan<byte> packet, out int headerLength, out SrtpError error)
    {
        headerLength = 0;
        if (packet.Length < Fixed)
        {
            error = SrtpError.Truncated;
            return false;
        }

        if ((packet[0] >> 6) != RtpConstants.Version)
        {
            error = SrtpError.MalformedHeader;
            return false;
        }

        var length = Fixed + (4 * (packet[0] & 0x0F));
        if ((packet[0] & 0x10) != 0)
        {
            if (packet.Length < length + 4)
            {
                error = SrtpError.Truncated;
                return false;
            }

            length += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]));
        }

        if (length > packet.Length)
        {
            error = SrtpError.Truncated;
            return false;
        }

        headerLength = length;
        error = SrtpError.None;
        return true;
    }
}
