using System.Net;
using System.Net.Sockets;

namespace Conclave.Server.Relay;

/// <summary>A client reached over the UDP listener socket.</summary>
internal sealed class UdpClientConnection : IRelayClientConnection
{
    private readonly Socket _socket;

    public UdpClientConnection(Socket socket, SocketAddress remote, IPEndPoint localEndPoint)
    {
        _socket = socket;
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
    public RelayedSocketPoller? Poller { get; init; }

    public void Send(ReadOnlySpan<byte> message)
    {
        try
        {
            _socket.SendTo(message, SocketFlags.None, RemoteSocketAddress);
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
