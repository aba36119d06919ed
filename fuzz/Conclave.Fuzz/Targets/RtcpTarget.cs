using Conclave.Protocols.Rtcp;

namespace Conclave.Fuzz.Targets;

/// <summary>Compound RTCP and every packet reader (SR, RR, SDES, BYE, generic NACK, PLI).</summary>
public sealed class RtcpTarget : IFuzzTarget
{
    public string Name => "rtcp";

    public void Run(ReadOnlySpan<byte> data)
    {
        Span<ushort> lost = stackalloc ushort[64];
        var walk = new RtcpCompoundPacket(data);
        foreach (var packet in walk)
        {
            if (SenderReport.TryParse(packet, out var sr, out _))
            {
                _ = sr.Info;
                for (var i = 0; i < sr.ReportCount; i++)
                {
                    _ = sr.GetReportBlock(i);
                }
            }

            if (ReceiverReport.TryParse(packet, out var rr, out _))
            {
                for (var i = 0; i < rr.ReportCount; i++)
                {
                    _ = rr.GetReportBlock(i);
                }
            }

            if (SourceDescription.TryParse(packet, out var sdes, out _))
            {
                foreach (var chunk in sdes.Chunks)
                {
                    _ = chunk.TryGetItem(SourceDescription.CnameItem, out _);
                }
            }

            if (Goodbye.TryParse(packet, out var bye, out _))
            {
                for (var i = 0; i < bye.SourceCount; i++)
                {
                    _ = bye.GetSsrc(i);
                }
            }

            if (GenericNack.TryParse(packet, out var nack, out _))
            {
                _ = nack.CopyLostSequenceNumbers(lost);
            }

            _ = PictureLossIndication.TryParse(packet, out _, out _);
        }
    }
}
