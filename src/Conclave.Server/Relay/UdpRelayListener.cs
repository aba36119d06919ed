using System.Net;
using System.Net.Sockets;
using Conclave.Protocols.Stun;

namespace Conclave.Server.Relay;

/// <summary>
/// The UDP listener: one receive loop over one pooled buffer and one reused <see cref="SocketAddress"/>,
/// demultiplexing ChannelData (first byte 0x40–0x4F) from STUN (RFC 8656 §12, RFC 7983).
/// </summary>
internal sealed class UdpRelayListener : IRelayConnectionSource, IAsyncDisposable
{
    /// <summary>Largest UDP payload.</summary>
    private const int BufferSize = 65_536;

    private readonly TurnRelayServer _server;
    private readonly Socket _socket;
    private readonly SocketAddress _from;
    private readonly PeerAddress _local;
    private FiveTuple _current;
    private Task? _loop;

    public UdpRelayListener(TurnRelayServer server, IPEndPoint endPoint)
    {
        _server = server;
        _socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.ReceiveBufferSize = 4 * 1024 * 1024;
            _socket.SendBufferSize = 4 * 1024 * 1024;
            _socket.Bind(endPoint);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _local = PeerAddress.From(LocalEndPoint);
        _from = new SocketAddress(endPoint.AddressFamily);
    }

    public IPEndPoint LocalEndPoint { get; }

    public void Start() => _loop = Task.Run(ReceiveLoopAsync);

    public IRelayClientConnection GetConnection()
    {
        if (_server.FindAllocation(_current) is { } allocation)
        {
            return allocation.Client;
        }

        var copy = new SocketAddress(_from.Family, _from.Size);
        _from.Buffer.Span[.._from.Size].CopyTo(copy.Buffer.Span);
        return new UdpClientConnection(_socket, copy, LocalEndPoint);
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
        while (true)
        {
            int received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, _from).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue;
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }

            var data = buffer.AsSpan(0, received);
            _current = new FiveTuple(RelayTransport.Udp, PeerAddress.From(_from), _local);
            if (_server.LooksLikeChannelData(data))
            {
                _server.HandleChannelData(_current, data);
            }
            else if (StunMessage.IsStun(data))
            {
                _server.HandleStun(data, _current, this);
            }
        }
    }
}
