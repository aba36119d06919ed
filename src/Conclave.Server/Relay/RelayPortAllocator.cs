using System.Net;
using System.Net.Sockets;

namespace Conclave.Server.Relay;

/// <summary>
/// Binds relayed-address sockets inside the configured port range (RFC 8656 §7.2: the server picks
/// the port). Starts at a random port and walks the range, skipping ports taken by anyone.
/// </summary>
internal sealed class RelayPortAllocator
{
    private readonly IPAddress _address;
    private readonly int _min;
    private readonly int _max;
    private int _next;

    public RelayPortAllocator(IPAddress address, int min, int max)
    {
        _address = address;
        _min = min;
        _max = Math.Max(min, max);
        _next = Random.Shared.Next(_min, _max + 1);
    }

    private const int RelayedReceiveBufferSize = 1024 * 1024;

    /// <summary>A bound UDP socket, or null when every port of the range is busy (508).</summary>
    public Socket? TryBind()
    {
        var count = _max - _min + 1;
        for (var i = 0; i < count; i++)
        {
            var port = _min + (int)((uint)(Interlocked.Increment(ref _next) - _min) % (uint)count);
            var socket = new Socket(_address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                // Room for a few hundred datagrams from peers while the worker is descheduled on a busy
                // host (the default holds about 90 of 1200 bytes). Only queued data costs memory, and the
                // kernel's udp_mem bounds all UDP queues together.
                socket.ReceiveBufferSize = RelayedReceiveBufferSize;
                socket.Bind(new IPEndPoint(_address, port));
                return socket;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                socket.Dispose();
            }
        }

        return null;
    }
}
