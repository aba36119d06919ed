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

    /// <summary>
    /// The listener reads on a dedicated thread with blocking receives: every client datagram skips
    /// the thread-pool hop an async receive costs, which is most of the per-packet CPU at these sizes.
    /// </summary>
    public void Start()
    {
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
