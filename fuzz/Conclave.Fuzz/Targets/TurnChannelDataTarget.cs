using Conclave.Protocols.Turn;

namespace Conclave.Fuzz.Targets;

/// <summary>ChannelData frames (RFC 8656 §12.4), datagram and stream framing, and re-encoding what parsed.</summary>
public sealed class TurnChannelDataTarget : IFuzzTarget
{
    public string Name => "turn-channeldata";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (ChannelData.TryParse(data, out var frame, out _))
        {
            Span<byte> copy = new byte[ChannelData.GetEncodedLength(frame.Data.Length, pad: true)];
            if (!ChannelData.TryWrite(copy, frame.ChannelNumber, frame.Data, pad: true, out _))
            {
                throw new InvalidOperationException("A parsed frame must re-encode.");
            }
        }

        var rest = data;
        while (ChannelData.TryParse(rest, stream: true, out _, out var consumed, out _) && consumed > 0)
        {
            rest = rest[consumed..];
        }
    }
}
