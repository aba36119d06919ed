using System.Net;
using System.Net.Sockets;
using Conclave.Protocols.Stun;
using Conclave.Server.Networking;

namespace Conclave.Server.Relay;

/// <summary>
/// A UDP listener socket, demultiplexing ChannelData (first byte 0x40–0x4F) from STUN (RFC 8656 §12,
/// RFC 7983). On Linux the relay opens one per UDP worker on the same port (SO_REUSEPORT) and each is
/// read by its worker's <see cref="UdpWorker"/>; elsewhere one listener reads on a dedicated
/// thread with blocking receives. Either way one pooled buffer and one reused <see cref="SocketAddress"/>
/// serve every datagram.
/// <para>
/// On Linux every datagram is read with the local address it was sent to (IP_PKTINFO), which is the
/// server side of its 5-tuple (RFC 8656 §2) and the source of every answer and relayed datagram to that
/// client (<see cref="UdpClientConnection"/>): bound to 0.0.0.0 (the default), the relay would otherwise
/// answer from whichever address the kernel routes by, which clients ignore. Elsewhere the listener's
/// bound address stands for it, so a wildcard listener there answers from the kernel's choice and a
/// multi-homed host should set <c>Conclave:Relay:ListenAddress</c>.
/// </para>
/// </summary>
internal sealed class UdpRelayListener : IRelayConnectionSource, IPolledSocket, IAsyncDisposable
{
    /// <summary>Largest UDP payload.</summary>
    public const int BufferSize = 65_536;

    private readonly TurnRelayServer _server;
    private readonly Socket _socket;
    private readonly SocketAddress _from;
    private readonly PeerAddress _local;
    private readonly UdpWorker? _poller;
    private FiveTuple _current;
    private Task? _loop;
    private long _pollerId;
    private volatile bool _disposed;

    /// <summary>Binds the socket; <paramref name="poller"/> is the worker that reads it (null: a dedicated blocking thread).</summary>
    public UdpRelayListener(TurnRelayServer server, IPEndPoint endPoint, UdpWorker? poller)
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

            if (LinuxSockets.IsSupported)
            {
                LinuxSockets.EnablePacketInformation(_socket);
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
    public UdpWorker? Poller => _poller;

    Socket IPolledSocket.Socket => _socket;

    int IPolledSocket.DrainLimit => UdpWorker.ListenerDrainLimit;

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
        return _current.Server == _local
            ? new UdpClientConnection(_socket, copy, LocalEndPoint, source: null) { Poller = _pollerId != 0 ? _poller : null }
            : new UdpClientConnection(_socket, copy, _current.Server.ToEndPoint(), _current.Server) { Poller = _pollerId != 0 ? _poller : null };
    }

    public void Drain(byte[] buffer, byte[] address, int limit)
    {
        var data = buffer.AsSpan(0, BufferSize);
        for (var i = 0; i < limit; i++)
        {
            int received;
            PeerAddress? destination;
            try
            {
                received = LinuxSockets.ReceiveMessage(_socket, data, address, wait: false, out destination);
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
            Dispatch(data[..received], destination);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
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
        if (LinuxSockets.IsSupported)
        {
            ReceiveMessageLoop();
            return;
        }

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

            Dispatch(buffer.AsSpan(0, received), null);
        }
    }

    /// <summary>
    /// Blocking recvmsg on Linux, for the local address of each datagram. Disposing the socket unblocks
    /// the call (the runtime shuts the socket down while a call holds its handle), which then returns 0.
    /// </summary>
    private void ReceiveMessageLoop()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
        var address = GC.AllocateUninitializedArray<byte>(_from.Buffer.Length, pinned: true);
        while (!_disposed)
        {
            int received;
            PeerAddress? destination;
            try
            {
                received = LinuxSockets.ReceiveMessage(_socket, buffer, address, wait: true, out destination);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (received < 0)
            {
                if (LinuxSockets.IsFatal(received))
                {
                    return;
                }

                continue;
            }

            address.AsSpan(0, _from.Size).CopyTo(_from.Buffer.Span);
            Dispatch(buffer.AsSpan(0, Math.Min(received, BufferSize)), destination);
        }
    }

    /// <summary>Hands one datagram on; <paramref name="destination"/> is the local address it was sent to, when known.</summary>
    private void Dispatch(ReadOnlySpan<byte> data, PeerAddress? destination)
    {
        var server = destination is { } local ? local with { Port = _local.Port } : _local;
        _current = new FiveTuple(RelayTransport.Udp, PeerAddress.From(_from), server);
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
