namespace Conclave.Protocols.Rtp;

/// <summary>
/// Builds an RFC 8285 extension block (the part after the 4-byte extension header) in a caller's span;
/// pass <see cref="Profile"/> and <see cref="WrittenSpan"/> to <see cref="RtpPacketWriter"/>.
/// </summary>
public ref struct RtpHeaderExtensionWriter
{
    private readonly Span<byte> _destination;
    private int _length;

    public RtpHeaderExtensionWriter(Span<byte> destination, RtpHeaderExtensionFormat format)
    {
        _destination = destination;
        Format = format;
    }

    public readonly RtpHeaderExtensionFormat Format { get; }

    public readonly ushort Profile => Format == RtpHeaderExtensionFormat.OneByte ? RtpHeaderExtensionProfiles.OneByte : RtpHeaderExtensionProfiles.TwoByte;

    /// <summary>The elements written, zero-padded to a multiple of 4 bytes (RFC 3550 §5.3.1 counts 32-bit words).</summary>
    public readonly ReadOnlySpan<byte> WrittenSpan => _destination[..((_length + 3) & ~3)];

    /// <summary>Appends one element; false when the id or length does not fit the format or the span is full.</summary>
    public bool TryAdd(byte id, ReadOnlySpan<byte> data)
    {
        int needed;
        if (Format == RtpHeaderExtensionFormat.OneByte)
        {
            // RFC 8285 §4.2: ids 1-14, length 1-16 stored as length - 1.
            if (id is 0 or > 14 || data.Length is 0 or > 16)
            {
                return false;
            }

            needed = 1 + data.Length;
        }
        else
        {
            // RFC 8285 §4.3: ids 1-255, length 0-255.
            if (id == 0 || data.Length > 255)
            {
                return false;
            }

            needed = 2 + data.Length;
        }

        var padded = (_length + needed + 3) & ~3;
        if (padded > _destination.Length)
        {
            return false;
        }

        if (Format == RtpHeaderExtensionFormat.OneByte)
        {
            _destination[_length++] = (byte)((id << 4) | (data.Length - 1));
        }
        else
        {
            _destination[_length++] = id;
            _destination[_length++] = (byte)data.Length;
        }

        data.CopyTo(_destination[_length..]);
        _length += data.Length;
        _destination[_length..padded].Clear();
        return true;
    }
}
