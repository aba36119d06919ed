using System.Net;

namespace Conclave.Server.Relay;

/// <summary>A channel bound to a peer transport address (RFC 8656 §12), with its expiry timestamp.</summary>
internal sealed class ChannelBinding
{
    public ChannelBinding(ushort number, IPEndPoint peer)
    {
        Number = number;
        Peer = PeerAddress.From(peer);
        PeerEndPoint = peer;
        PeerSocketAddress = peer.Serialize();
    }

    public ushort Number { get; }

    public PeerAddress Peer { get; }

    public IPEndPoint PeerEndPoint { get; }

    /// <summary>The peer in socket form so that ChannelData is sent without allocating.</summary>
    public SocketAddress PeerSocketAddress { get; }

    public long ExpiresAt { get; set; }
}
