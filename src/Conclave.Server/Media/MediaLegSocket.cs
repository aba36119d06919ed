using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Conclave.Protocols.Net;
using Conclave.Protocols.Stun;

namespace Conclave.Server.Media;

/// <summary>
/// The UDP socket of one leg, as the ICE-lite agent sees it. STUN always reaches the agent (it
/// authenticates checks itself, RFC 8445 §7.3); any other datagram reaches it only from the address the
/// device nominated, so spoofed or stray DTLS and SRTP are counted as refused and dropped here, before
/// any parsing. Forwarded packets leave through <see cref="Send"/>, synchronously and without allocation.
/// </summary>
internal sealed class MediaLegSocket : IDatagramSocket
{
    private readonly Socket _socket;
    private readonly MediaProcessorMetrics _metrics;
    private readonly IPEndPoint _any;
    private readonly SocketAddress _received;
    private SocketAddress? _lastAddress;
    private IPEndPoint? _lastEndPoint;
    private volatile IPEndPoint? _device;
    private volatile SocketAddress? _deviceAddress;

    public MediaLegSocket(Socket socket, MediaProcessorMetrics metrics)
    {
        _socket = socket;
        _metrics = metrics;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        _received = _any.Serialize();
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The device's address once ICE selected a pair (the only source of DTLS and SRTP accepted).</summary>
    public IPEndPoint? Device => _device;

    /// <summary>Called when the device nominates a pair (RFC 8445 §7.3.1.5); may change on a later nomination.</summary>
    public void SetDevice(IPEndPoint device)
    {
        _deviceAddress = device.Serialize();
        _device = device;
    }

    public async ValueTask SendToAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remoteEndPoint, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendToAsync(datagram, SocketFlags.None, remoteEndPoint, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // UDP is best effort: a lost STUN response is retransmitted by the device's ICE agent.
        }
    }

    /// <summary>Sends to the device; false before ICE selected a pair or once the socket is closed.</summary>
    public bool Send(ReadOnlySpan<byte> datagram)
    {
        SocketAddress? device = _deviceAddress;
        if (device is null)
        {
            return false;
        }

        try
        {
            _socket.SendTo(datagram, SocketFlags.None, device);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<DatagramReceived> ReceiveFromAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            int length;
            try
            {
                length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, _received, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                // ICMP port unreachable or an oversized datagram: skip it and keep receiving.
                _metrics.Refused();
                continue;
            }

            if (StunMessage.IsStun(buffer.Span[..length]) || (_deviceAddress is { } device && device.Equals(_received)))
            {
                return new DatagramReceived(length, RemoteOf(_received));
            }

            _metrics.Refused();
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The sender's endpoint, reused while datagrams keep coming from the same address.</summary>
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
}
