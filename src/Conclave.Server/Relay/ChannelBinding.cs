using System.Net;
using Conclave.Server.Networking;

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

    private long _expiresAt;

    /// <summary>Read by the per-packet path without a lock, moved by ChannelBind refreshes.</summary>
    public long ExpiresAt
    {
        get => Volatile.Read(ref _expiresAt);
        set => Volatile.Write(ref _expiresAt, value);
    }
}
