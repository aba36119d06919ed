using System.Buffers.Binary;

namespace Conclave.Protocols.Rtp;

/// <summary>Writes RTP packets (RFC 3550 §5.1) into a caller's span.</summary>
public static class RtpPacketWriter
{
    /// <summary>
    /// Writes header, CSRCs, the extension (when <paramref name="extensionData"/> is not empty, its length a
    /// multiple of 4), payload, and <paramref name="paddingLength"/> padding octets (the last one the count).
    /// </summary>
    public static bool TryWrite(
        Span<byte> destination,
        in RtpHeader header,
        ReadOnlySpan<uint> csrcs,
        ushort extensionProfile,
        ReadOnlySpan<byte> extensionData,
        ReadOnlySpan<byte> payload,
        byte paddingLength,
        out int written,
        out RtpParseError error)
    {
        written = 0;
        if (header.PayloadType > 127 || csrcs.Length > 15 || extensionData.Length % 4 != 0 || extensionData.Length > 4 * 0xFFFF)
        {
            error = RtpParseError.InvalidValue;
            return false;
        }

        var hasExtension = !extensionData.IsEmpty;
        var length = RtpConstants.FixedHeaderLength + (4 * csrcs.Length) + (hasExtension ? 4 + extensionData.Length : 0)
            + payload.Length + paddingLength;
        if (length > destination.Length)
        {
            error = RtpParseError.Truncated;
            return false;
        }

        destination[0] = (byte)((RtpConstants.Version << 6) | (paddingLength > 0 ? 0x20 : 0) | (hasExtension ? 0x10 : 0) | csrcs.Length);
        destination[1] = (byte)((header.Marker ? 0x80 : 0) | header.PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], header.SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], header.Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], header.Ssrc);
        var at = RtpConstants.FixedHeaderLength;
        foreach (var csrc in csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[at..], csrc);
            at += 4;
        }

        if (hasExtension)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[at..], extensionProfile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(at + 2)..], (ushort)(extensionData.Length / 4));
            extensionData.CopyTo(destination[(at + 4)..]);
            at += 4 + extensionData.Length;
        }

        payload.CopyTo(destination[at..]);
        at += payload.Length;
        if (paddingLength > 0)
        {
            destination.Slice(at, paddingLength - 1).Clear();
            destination[at + paddingLength - 1] = paddingLength;
            at += paddingLength;
        }

        written = at;
        error = RtpParseError.None;
        return true;
    }
}
