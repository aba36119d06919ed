using Conclave.Protocols.Rtp;

namespace Conclave.Fuzz.Targets;

/// <summary>RTP header, CSRC list, padding and RFC 8285 extensions; a parsed packet is written back and must re-parse equal.</summary>
public sealed class RtpTarget : IFuzzTarget
{
    public string Name => "rtp";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (!RtpPacket.TryParse(data, out var packet, out _))
        {
            return;
        }

        var extensions = packet.Extensions;
        var elements = 0;
        while (extensions.MoveNext())
        {
            elements += extensions.Current.Data.Length;
        }

        Span<uint> csrcs = stackalloc uint[15];
        for (var i = 0; i < packet.CsrcCount; i++)
        {
            csrcs[i] = packet.GetCsrc(i);
        }

        var buffer = new byte[data.Length];
        if (!RtpPacketWriter.TryWrite(buffer, packet.Header, csrcs[..packet.CsrcCount], packet.ExtensionProfile, packet.ExtensionData,
                packet.Payload, (byte)packet.PaddingLength, out var written, out var error))
        {
            // Only an extension flag with an empty body cannot be written back (the writer omits it).
            if (!(packet.HasExtension && packet.ExtensionData.IsEmpty) && error != RtpParseError.None)
            {
                throw new InvalidOperationException($"a parsed packet did not write back: {error}");
            }

            return;
        }

        if (!RtpPacket.TryParse(buffer.AsSpan(0, written), out var again, out _) || again.Header != packet.Header
            || !again.Payload.SequenceEqual(packet.Payload) || elements < 0)
        {
            throw new InvalidOperationException("write-back did not round-trip");
        }
    }
}
