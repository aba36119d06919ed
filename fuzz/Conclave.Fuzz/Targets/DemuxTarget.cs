using Conclave.Protocols.Demux;
using Conclave.Protocols.Rtcp;
using Conclave.Protocols.Rtp;

namespace Conclave.Fuzz.Targets;

/// <summary>RFC 7983 classification, then the parser the class routes to, as a media socket would.</summary>
public sealed class DemuxTarget : IFuzzTarget
{
    public string Name => "demux";

    public void Run(ReadOnlySpan<byte> data)
    {
        switch (PacketClassifier.Classify(data))
        {
            case PacketKind.Rtp:
                _ = RtpPacket.TryParse(data, out _, out _);
                break;
            case PacketKind.Rtcp:
                _ = RtcpCompoundPacket.TryValidate(data, out _, out _);
                break;
            case PacketKind.Unknown or PacketKind.Stun or PacketKind.Dtls or PacketKind.TurnChannel or PacketKind.Zrtp:
                break;
            default:
                throw new InvalidOperationException("unclassified datagram");
        }
    }
}
