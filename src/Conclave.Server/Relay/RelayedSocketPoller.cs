using System.Collections.Concurrent;

namespace Conclave.Server.Relay;

/// <summary>
/// Reads relayed sockets (data from peers, RFC 8656 §10.3 and §12.7) on one long-running thread per
/// poller: epoll tells which allocations have datagrams, and each is drained in place. Compared with an
/// async receive per allocation, a busy relay pays no thread-pool hop, no completion and no wake-up
/// per datagram; an idle allocation costs an epoll registration and no thread. Linux only
/// (<see cref="LinuxSockets.IsSupported"/>); elsewhere allocations keep their async receive loop.
/// </summary>
internal sealed class RelayedSocketPoller : IDisposable
{
    /// <summary>Datagrams taken from one socket per wake-up, so one busy peer cannot starve the others.</summary>
    private const int DrainLimit = 32;

    /// <summary>How long a wait lasts before the thread looks whether the poller was disposed.</summary>
    private const int WaitMilliseconds = 250;

    private readonly ConcurrentDictionary<long, TurnAllocation> _allocations = new();
    private readonly int _epoll;
    private readonly int _bufferSize;
    private long _nextId;
    private volatile bool _disposed;

    public RelayedSocketPoller(string name, int bufferSize)
    {
        _epoll = LinuxSockets.CreateEpoll();
        if (_epoll < 0)
        {
            throw new InvalidOperationException("epoll_create1 failed.");
        }

        _bufferSize = bufferSize;
        new Thread(Run) { IsBackground = true, Name = name }.Start();
    }

    /// <summary>Number of allocations watched (for tests and the spread across pollers).</summary>
    public int Count => _allocations.Count;

    /// <summary>Starts watching the allocation's relayed socket; returns the registration id, or 0 on failure.</summary>
    public long Register(TurnAllocation allocation)
    {
        var id = Interlocked.Increment(ref _nextId);
        _allocations[id] = allocation;
        if (_disposed || !LinuxSockets.Control(_epoll, LinuxSockets.EpollCtlAdd, allocation.RelayedSocket.SafeHandle, id))
        {
            _allocations.TryRemove(id, out _);
            return 0;
        }

        return id;
    }

    /// <summary>Stops watching; called before the socket is closed. An event already taken for it is ignored.</summary>
    public void Unregister(long id, TurnAllocation allocation)
    {
        if (_allocations.TryRemove(id, out _))
        {
            try
            {
                LinuxSockets.Control(_epoll, LinuxSockets.EpollCtlDel, allocation.RelayedSocket.SafeHandle, id);
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
                if (_allocations.TryGetValue(LinuxSockets.EventData(events, i), out var allocation))
                {
                    allocation.DrainRelayedSocket(buffer, address, DrainLimit);
                }
            }
        }

        LinuxSockets.Close(_epoll);
    }
}
