using System.Net;
using System.Net.Sockets;
using Conclave.Server.Networking;

namespace Conclave.Server.Relay;

/// <summary>
/// A client reached over the UDP listener socket. With a <c>source</c> (Linux, where the listener reads
/// each datagram's local address), every answer and relayed datagram leaves from the address the client
/// sent to, whatever the listener is bound to (<see cref="LinuxSockets.SendFrom"/>).
/// </summary>
internal sealed class UdpClientConnection : IRelayClientConnection
{
    private readonly Socket _socket;
    private readonly PeerAddress _source;
    private readonly bool _hasSource;

    public UdpClientConnection(Socket socket, SocketAddress remote, IPEndPoint localEndPoint, PeerAddress? source)
    {
        _socket = socket;
        _hasSource = source.HasValue;
        _source = source.GetValueOrDefault();
        RemoteSocketAddress = remote;
        RemoteEndPoint = (IPEndPoint)new IPEndPoint(localEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0).Create(remote);
        LocalEndPoint = localEndPoint;
    }

    public RelayTransport Transport => RelayTransport.Udp;

    public IPEndPoint RemoteEndPoint { get; }

    public IPEndPoint LocalEndPoint { get; }

    public SocketAddress RemoteSocketAddress { get; }

    public bool IsStream => false;

    /// <summary>The UDP worker of the listener this client reached (null without workers): its allocation is read there too.</summary>
    public UdpWorker? Poller { get; init; }

    public void Send(ReadOnlySpan<byte> message)
    {
        try
        {
            if (_hasSource)
            {
                LinuxSockets.SendFrom(_socket, message, RemoteSocketAddress.Buffer.Span[..RemoteSocketAddress.Size], _source);
            }
            else
            {
                _socket.SendTo(message, SocketFlags.None, RemoteSocketAddress);
            }
        }
        catch (SocketException)
        {
            // UDP is best effort: a full buffer or an unreachable client is a lost datagram.
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
