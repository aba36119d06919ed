using System.Buffers.Binary;

namespace Conclave.Protocols.Rtp;

/// <summary>
/// A parsed view over an RTP packet (RFC 3550 §5.1) in the caller's buffer: nothing is copied or
/// allocated. Every length has been checked by <see cref="TryParse"/>.
/// </summary>
public readonly ref struct RtpPacket
{
    private readonly ReadOnlySpan<byte> _data;

    private RtpPacket(ReadOnlySpan<byte> data, int headerLength, int extensionOffset, int extensionLength, int paddingLength)
    {
        _data = data;
        HeaderLength = headerLength;
        ExtensionOffset = extensionOffset;
        ExtensionLength = extensionLength;
        PaddingLength = paddingLength;
    }

    public int Version => _data[0] >> 6;

    public bool HasPadding => (_data[0] & 0x20) != 0;

    public bool HasExtension => (_data[0] & 0x10) != 0;

    public int CsrcCount => _data[0] & 0x0F;

    public bool Marker => (_data[1] & 0x80) != 0;

    public byte PayloadType => (byte)(_data[1] & 0x7F);

    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(_data[2..]);

    public uint Timestamp => BinaryPrimitives.ReadUInt32BigEndian(_data[4..]);

    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_data[8..]);

    public RtpHeader Header => new(Marker, PayloadType, SequenceNumber, Timestamp, Ssrc);

    /// <summary>Length of the fixed header, CSRC list and extension.</summary>
    public int HeaderLength { get; }

    /// <summary>Padding octets at the end, the count octet included (RFC 3550 §5.1); 0 without the P bit.</summary>
    public int PaddingLength { get; }

    /// <summary>RFC 3550 §5.3.1: the 16-bit profile word of the extension (0xBEDE one-byte, 0x100x two-byte, RFC 8285).</summary>
    public ushort ExtensionProfile => HasExtension ? BinaryPrimitives.ReadUInt16BigEndian(_data[(ExtensionOffset - 4)..]) : (ushort)0;

    /// <summary>The extension body after its 4-byte header; empty without the X bit.</summary>
    public ReadOnlySpan<byte> ExtensionData => _data.Slice(ExtensionOffset, ExtensionLength);

    /// <summary>RFC 8285 elements of a one-byte or two-byte extension; empty for other profiles.</summary>
    public RtpHeaderExtensionEnumerator Extensions => new(ExtensionProfile, ExtensionData);

    public ReadOnlySpan<byte> Payload => _data[HeaderLength..(_data.Length - PaddingLength)];

    /// <summary>The whole packet as parsed.</summary>
    public ReadOnlySpan<byte> Span => _data;

    private int ExtensionOffset { get; }

    private int ExtensionLength { get; }

    public uint GetCsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_data[(RtpConstants.FixedHeaderLength + (4 * index))..]);
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out RtpPacket packet, out RtpParseError error)
    {
        packet = default;
        if (data.Length < RtpConstants.FixedHeaderLength)
        {
            error = RtpParseError.Truncated;
            return false;
        }

        if (data[0] >> 6 != RtpConstants.Version)
        {
            error = RtpParseError.BadVersion;
            return false;
        }

        var headerLength = RtpConstants.FixedHeaderLength + (4 * (data[0] & 0x0F));
        int extensionOffset = headerLength, extensionLength = 0;
        if ((data[0] & 0x10) != 0)
        {
            // RFC 3550 §5.3.1: 16-bit profile, 16-bit length in 32-bit words, excluding this header word.
            if (data.Length < headerLength + 4)
            {
                error = RtpParseError.Truncated;
                return false;
            }

            extensionLength = 4 * BinaryPrimitives.ReadUInt16BigEndian(data[(headerLength + 2)..]);
            extensionOffset = headerLength + 4;
            headerLength = extensionOffset + extensionLength;
        }

        if (data.Length < headerLength)
        {
            error = RtpParseError.Truncated;
            return false;
        }

        var padding = 0;
        if ((data[0] & 0x20) != 0)
        {
            // RFC 3550 §5.1: the last octet counts the padding, itself included.
            padding = data.Length > headerLength ? data[^1] : 0;
            if (padding == 0 || padding > data.Length - headerLength)
            {
                error = RtpParseError.BadPadding;
                return false;
            }
        }

        packet = new RtpPacket(data, headerLength, extensionOffset, extensionLength, padding);
        error = RtpParseError.None;
        return true;
    }
}
