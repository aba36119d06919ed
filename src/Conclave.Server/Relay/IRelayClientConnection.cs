using System.Net;

namespace Conclave.Server.Relay;

/// <summary>
/// The client side of a 5-tuple: where answers and relayed data go. UDP sends one datagram per
/// message; TCP and TLS write the message to the stream (ChannelData padded, RFC 8656 §12.5).
/// </summary>
internal interface IRelayClientConnection
{
    RelayTransport Transport { get; }

    IPEndPoint RemoteEndPoint { get; }

    IPEndPoint LocalEndPoint { get; }

    /// <summary>The client's address in socket form, for zero-allocation sends (UDP only).</summary>
    SocketAddress RemoteSocketAddress { get; }

    bool IsStream { get; }

    /// <summary>Sends one whole STUN or ChannelData message; never throws on network errors.</summary>
    void Send(ReadOnlySpan<byte> message);
}
