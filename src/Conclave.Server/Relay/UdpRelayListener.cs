using System.Net;
using System.Net.Sockets;
using Conclave.Protocols.Stun;

namespace Conclave.Server.Relay;

/// <summary>
/// A UDP listener socket, demultiplexing ChannelData (first byte 0x40–0x4F) from STUN (RFC 8656 §12,
/// RFC 7983). On Linux the relay opens one per UDP worker on the same port (SO_REUSEPORT) and each is
/// read by its worker's <see cref="RelayedSocketPoller"/>; elsewhere one listener reads on a dedicated
/// thread with blocking receives. Either way one pooled buffer and one reused <see cref="SocketAddress"/>
/// serve every datagram.
/// </summary>
internal sealed class UdpRelayListener : IRelayConnectionSource, IPolledSocket, IAsyncDisposable
{
    /// <summary>Largest UDP payload.</summary>
    public const int BufferSize = 65_536;

    private readonly TurnRelayServer _server;
    private readonly Socket _socket;
    private readonly SocketAddress _from;
    private readonly PeerAddress _local;
    private readonly RelayedSocketPoller? _poller;
    private FiveTuple _current;
    private Task? _loop;
    private long _pollerId;

    /// <summary>Binds the socket; <paramref name="poller"/> is the worker that reads it (null: a dedicated blocking thread).</summary>
    public UdpRelayListener(TurnRelayServer server, IPEndPoint endPoint, RelayedSocketPoller? poller)
    {
        _server = server;
        _poller = poller;
        _socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.ReceiveBufferSize = 4 * 1024 * 1024;
            _socket.SendBufferSize = 4 * 1024 * 1024;
            if (poller is not null)
            {
                LinuxSockets.SetReusePort(_socket);
            }

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

    /// <summary>The worker reading this listener, which also reads the allocations made through it.</summary>
    public RelayedSocketPoller? Poller => _poller;

    Socket IPolledSocket.Socket => _socket;

    /// <summary>
    /// Starts reading: registered with the worker, or on a dedicated thread with blocking receives, so
    /// that every client datagram skips the thread-pool hop an async receive costs.
    /// </summary>
    public void Start()
    {
        if (_poller is not null)
        {
            _pollerId = _poller.Register(this);
            if (_pollerId != 0)
            {
                return;
            }
        }

        var thread = new Thread(ReceiveThread) { IsBackground = true, Name = "TURN UDP " + LocalEndPoint };
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop = done.Task;
        thread.Start(done);
    }

    public IRelayClientConnection GetConnection()
    {
        if (_server.FindAllocation(_current) is { } allocation)
        {
            return allocation.Client;
        }

        var copy = new SocketAddress(_from.Family, _from.Size);
        _from.Buffer.Span[.._from.Size].CopyTo(copy.Buffer.Span);
        return new UdpClientConnection(_socket, copy, LocalEndPoint) { Poller = _pollerId != 0 ? _poller : null };
    }

    public void Drain(byte[] buffer, byte[] address, int limit)
    {
        var data = buffer.AsSpan(0, BufferSize);
        for (var i = 0; i < limit; i++)
        {
            int received;
            try
            {
                received = LinuxSockets.ReceiveFrom(_socket, data, address);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (received < 0)
            {
                return;
            }

            address.AsSpan(0, _from.Size).CopyTo(_from.Buffer.Span);
            Dispatch(data[..received]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _poller?.Unregister(_pollerId, this);
        _socket.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
    }

    private void ReceiveThread(object? state)
    {
        var done = (TaskCompletionSource)state!;
        try
        {
            ReceiveLoop();
        }
        finally
        {
            done.SetResult();
        }
    }

    private void ReceiveLoop()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
        while (true)
        {
            int received;
            try
            {
                received = _socket.ReceiveFrom(buffer, SocketFlags.None, _from);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue;
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }

            Dispatch(buffer.AsSpan(0, received));
        }
    }

    private void Dispatch(ReadOnlySpan<byte> data)
    {
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
