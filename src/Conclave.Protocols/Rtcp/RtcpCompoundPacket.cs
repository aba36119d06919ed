namespace Conclave.Protocols.Rtcp;

/// <summary>
/// Walks the packets of a compound RTCP packet (RFC 3550 §6.1) without allocating:
/// <c>foreach (var packet in new RtcpCompoundPacket(data))</c>, then check <see cref="Error"/>.
/// The walk stops at the first malformed packet.
/// </summary>
public ref struct RtcpCompoundPacket
{
    private ReadOnlySpan<byte> _remaining;

    public RtcpCompoundPacket(ReadOnlySpan<byte> data)
    {
        _remaining = data;
        Current = default;
        Error = data.IsEmpty ? RtcpParseError.Truncated : RtcpParseError.None;
    }

    public RtcpPacket Current { get; private set; }

    /// <summary>None when every packet parsed; otherwise why the walk stopped.</summary>
    public RtcpParseError Error { get; private set; }

    public readonly RtcpCompoundPacket GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_remaining.IsEmpty || Error != RtcpParseError.None)
        {
            return false;
        }

        if (!RtcpPacket.TryParse(_remaining, out var packet, out var consumed, out var error))
        {
            Error = error;
            _remaining = default;
            return false;
        }

        Current = packet;
        _remaining = _remaining[consumed..];
        return true;
    }

    /// <summary>Checks the whole compound packet, returning how many packets it holds.</summary>
    public static bool TryValidate(ReadOnlySpan<byte> data, out int count, out RtcpParseError error)
    {
        var walk = new RtcpCompoundPacket(data);
        count = 0;
        while (walk.MoveNext())
        {
            count++;
        }

        error = walk.Error;
        return error == RtcpParseError.None;
    }
}
