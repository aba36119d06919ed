using System.Net;
using System.Net.Sockets;

namespace Conclave.Server.Networking;

/// <summary>
/// Binds UDP sockets inside a configured port range: the relay's relayed addresses (RFC 8656 §7.2: the
/// server picks the port) and the media processor's legs (RFC 8445 §5.1.1.1: an agent picks its ports).
/// It starts at a random port and walks the range, skipping ports anyone holds, so that two processes
/// sharing a range do not collide on every bind. A range of 0–0 binds ephemeral ports (tests, and hosts
/// without a firewall rule).
/// </summary>
internal sealed class UdpPortRange
{
    private readonly IPAddress _address;
    private readonly int _min;
    private readonly int _max;
    private readonly int _receiveBufferSize;
    private int _next;

    /// <param name="address">The local address every socket binds to.</param>
    /// <param name="min">Lowest port; 0 (with <paramref name="max"/> 0) for ephemeral ports.</param>
    /// <param name="max">Highest port (a value below <paramref name="min"/> counts as <paramref name="min"/>).</param>
    /// <param name="receiveBufferSize">SO_RCVBUF of each socket in bytes; 0 keeps the system's default.</param>
    public UdpPortRange(IPAddress address, int min, int max, int receiveBufferSize = 0)
    {
        _address = address;
        _min = min;
        _max = Math.Max(min, max);
        _receiveBufferSize = receiveBufferSize;
        _next = _min == 0 ? 0 : Random.Shared.Next(_min, _max + 1);
    }

    /// <summary>
    /// A bound socket, or null when every port of the range is taken (each bind failed with
    /// <see cref="SocketError.AddressAlreadyInUse"/> or <see cref="SocketError.AccessDenied"/>). Any other
    /// socket error (an address this host does not have, say) is not a busy port and is thrown.
    /// </summary>
    public Socket? TryBind()
    {
        var count = _min == 0 ? 1 : _max - _min + 1;
        for (var i = 0; i < count; i++)
        {
            var port = _min == 0 ? 0 : _min + (int)((uint)(Interlocked.Increment(ref _next) - _min) % (uint)count);
            var socket = new Socket(_address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                if (_address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    socket.DualMode = false;
                }

                if (_receiveBufferSize > 0)
                {
                    socket.ReceiveBufferSize = _receiveBufferSize;
                }

                socket.Bind(new IPEndPoint(_address, port));
                return socket;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        return null;
    }
}
