using System.Collections.Concurrent;

namespace Conclave.Server.Networking;

/// <summary>
/// One UDP worker thread: epoll tells which of its sockets have datagrams and each is drained in place
/// with non-blocking receives. The relay puts its share of the UDP listener here (SO_REUSEPORT spreads
/// clients over the workers by 4-tuple) and the relayed sockets of the allocations made through it
/// (RFC 8656 §10.3 and §12.7), so both directions of an allocation stay on one thread; the media
/// processor puts its leg sockets here. Compared with a blocking thread per socket or an async receive
/// per socket, a busy server pays no thread-pool hop, no completion and no wake-up per datagram, and an
/// idle socket costs an epoll registration and no thread. Linux only (<see cref="LinuxSockets.IsSupported"/>);
/// elsewhere each user falls back to its own receive loop.
/// </summary>
internal sealed class UdpWorker : IDisposable
{
    /// <summary>Datagrams taken from one ordinary socket per wake-up, so one busy source cannot starve the others.</summary>
    public const int SocketDrainLimit = 32;

    /// <summary>A listener carries every client of its worker, so it gets a larger share per wake-up.</summary>
    public const int ListenerDrainLimit = 256;

    /// <summary>How long a wait lasts before the thread looks whether the worker was disposed.</summary>
    private const int WaitMilliseconds = 250;

    /// <summary>Stack of a worker thread: 256 KiB, ample for a drain (no deep frames) and what it hands datagrams to.</summary>
    private const int StackSize = 256 * 1024;

    private readonly ConcurrentDictionary<long, IPolledSocket> _sockets = new();
    private readonly int _epoll;
    private readonly int _bufferSize;
    private long _nextId;
    private volatile bool _disposed;

    /// <param name="name">The thread's name.</param>
    /// <param name="bufferSize">Bytes of the receive buffer handed to every drain: the largest datagram any socket of this worker reads.</param>
    public UdpWorker(string name, int bufferSize)
    {
        _epoll = LinuxSockets.CreateEpoll();
        if (_epoll < 0)
        {
            throw new InvalidOperationException("epoll_create1 failed.");
        }

        _bufferSize = bufferSize;
        new Thread(Run, StackSize) { IsBackground = true, Name = name }.Start();
    }

    /// <summary>Number of sockets watched (for tests and the spread across workers).</summary>
    public int Count => _sockets.Count;

    /// <summary>Starts watching the socket; returns the registration id, or 0 on failure.</summary>
    public long Register(IPolledSocket socket)
    {
        var id = Interlocked.Increment(ref _nextId);
        _sockets[id] = socket;
        if (_disposed || !LinuxSockets.Control(_epoll, LinuxSockets.EpollCtlAdd, socket.Socket.SafeHandle, id))
        {
            _sockets.TryRemove(id, out _);
            return 0;
        }

        return id;
    }

    /// <summary>Stops watching; called before the socket is closed. An event already taken for it is ignored.</summary>
    public void Unregister(long id, IPolledSocket socket)
    {
        if (_sockets.TryRemove(id, out _))
        {
            try
            {
                LinuxSockets.Control(_epoll, LinuxSockets.EpollCtlDel, socket.Socket.SafeHandle, id);
            }
            catch (ObjectDisposedException)
            {
                // Closing the socket removed it from the epoll set already.
            }
        }
    }

    public void Dispose()
    {
        // The thread sees the flag within one wait and closes the epoll descriptor itself, so disposing
        // (at shutdown, and after every test) does not wait for it.
        _disposed = true;
    }

    private void Run()
    {
        var events = new byte[LinuxSockets.EventSize * 256];
        var buffer = GC.AllocateUninitializedArray<byte>(_bufferSize, pinned: true);
        // Large enough for sockaddr_in6.
        var address = new byte[28];
        while (!_disposed)
        {
            var ready = LinuxSockets.Wait(_epoll, events, WaitMilliseconds);
            for (var i = 0; i < ready; i++)
            {
                if (_sockets.TryGetValue(LinuxSockets.EventData(events, i), out var socket))
                {
                    socket.Drain(buffer, address, socket.DrainLimit);
                }
            }
        }

        LinuxSockets.Close(_epoll);
    }
}
