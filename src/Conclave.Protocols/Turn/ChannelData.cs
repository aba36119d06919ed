using System.Buffers.Binary;
using Conclave.Protocols.Stun;

namespace Conclave.Protocols.Turn;

/// <summary>
/// A ChannelData message (RFC 8656 §12.4): channel number (0x4000–0x4FFF), length, application data,
/// padded to 4 bytes over TCP/TLS and optionally over UDP.
/// </summary>
public readonly ref struct ChannelData
{
    public const int HeaderLength = 4;
    public const ushort MinChannel = 0x4000;
    public const ushort MaxChannel = 0x4FFF;

    public ChannelData(ushort channelNumber, ReadOnlySpan<byte> data)
    {
        ChannelNumber = channelNumber;
        Data = data;
    }

    public ushort ChannelNumber { get; }

    public ReadOnlySpan<byte> Data { get; }

    public static bool IsValidChannel(int channel) => channel is >= MinChannel and <= MaxChannel;

    /// <summary>RFC 7983 / RFC 8656 §12: the first byte of a ChannelData message is 0x40–0x4F.</summary>
    public static bool LooksLikeChannelData(ReadOnlySpan<byte> data) => data.Length >= HeaderLength && data[0] is >= 0x40 and <= 0x4F;

    /// <summary>
    /// Parses one ChannelData message at the start of <paramref name="data"/>. <paramref name="consumed"/>
    /// is the frame length including padding when <paramref name="stream"/> is true (TCP framing), else
    /// the whole datagram. Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, bool stream, out ChannelData message, out int consumed, out StunParseError error) =>
        TryParse(data, stream, MaxChannel, out message, out consumed, out error);

    /// <summary>
    /// As <see cref="TryParse(ReadOnlySpan{byte}, bool, out ChannelData, out int, out StunParseError)"/>, accepting channel
    /// numbers up to <paramref name="maxChannel"/>: a relay may accept RFC 5766's range (0x4000–0x7FFF) from older clients.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, bool stream, ushort maxChannel, out ChannelData message, out int consumed, out StunParseError error)
    {
        message = default;
        consumed = 0;
        if (data.Length < HeaderLength)
        {
            error = StunParseError.TooShort;
            return false;
        }

        var channel = BinaryPrimitives.ReadUInt16BigEndian(data);
        if (channel < MinChannel || channel > maxChannel)
        {
            error = StunParseError.InvalidChannelNumber;
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        var frame = HeaderLength + (stream ? (length + 3) & ~3 : length);
        if (length > data.Length - HeaderLength || frame > data.Length)
        {
            error = StunParseError.LengthMismatch;
            return false;
        }

        message = new ChannelData(channel, data.Slice(HeaderLength, length));
        consumed = stream ? frame : data.Length;
        error = StunParseError.None;
        return true;
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out ChannelData message, out StunParseError error) =>
        TryParse(data, stream: false, out message, out _, out error);

    /// <summary>The size <see cref="TryWrite"/> needs.</summary>
    public static int GetEncodedLength(int dataLength, bool pad) => HeaderLength + (pad ? (dataLength + 3) & ~3 : dataLength);

    /// <summary>Writes a ChannelData message; <paramref name="pad"/> pads to 4 bytes (RFC 8656 §12.5: required over TCP).</summary>
    public static bool TryWrite(Span<byte> destination, ushort channelNumber, ReadOnlySpan<byte> data, bool pad, out int written)
    {
        written = 0;
        var total = GetEncodedLength(data.Length, pad);
        if (!IsValidChannel(channelNumber) || data.Length > ushort.MaxValue || destination.Length < total)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, channelNumber);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)data.Length);
        data.CopyTo(destination[HeaderLength..]);
        destination[(HeaderLength + data.Length)..total].Clear();
        written = total;
        return true;
    }
}
