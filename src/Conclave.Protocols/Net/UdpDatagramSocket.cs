using System.Net;
using System.Net.Sockets;

namespace Conclave.Protocols.Net;

/// <summary>An <see cref="IDatagramSocket"/> over a bound UDP <see cref="Socket"/>.</summary>
public sealed class UdpDatagramSocket : IDatagramSocket
{
    private readonly Socket _socket;
    private readonly IPEndPoint _any;
    private readonly SocketAddress _address;
    private SocketAddress? _lastAddress;
    private IPEndPoint? _lastEndPoint;

    public UdpDatagramSocket(Socket socket)
    {
        _socket = socket;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        _address = _any.Serialize();
    }

    public IPEndPoint LocalEndPoint { get; }

    public async ValueTask SendToAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remoteEndPoint, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendToAsync(datagram, SocketFlags.None, remoteEndPoint, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // UDP is best effort: an unreachable peer is a lost datagram, which ICE and TURN already handle.
        }
    }

    /// <summary>
    /// One receive at a time (a single receive loop per socket). The sender's <see cref="IPEndPoint"/> is
    /// reused while datagrams keep coming from the same address, so the steady media path allocates nothing.
    /// </summary>
    public async ValueTask<DatagramReceived> ReceiveFromAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, _address, cancellationToken).ConfigureAwait(false);
                return new DatagramReceived(length, RemoteOf(_address));
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                // ICMP port unreachable or an oversized datagram: skip it and keep receiving.
            }
        }
    }

    private IPEndPoint RemoteOf(SocketAddress address)
    {
        if (_lastEndPoint is not null && address.Equals(_lastAddress))
        {
            return _lastEndPoint;
        }

        _lastEndPoint = (IPEndPoint)_any.Create(address);
        _lastAddress = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(_lastAddress.Buffer.Span);
        return _lastEndPoint;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
