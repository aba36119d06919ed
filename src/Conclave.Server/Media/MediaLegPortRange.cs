using System.Net;
using System.Net.Sockets;

namespace Conclave.Server.Media;

/// <summary>
/// Binds leg sockets inside the configured UDP range, starting at a random port and walking the range,
/// skipping ports anyone holds. A range of 0–0 binds ephemeral ports (tests, and hosts without a firewall rule).
/// </summary>
internal sealed class MediaLegPortRange
{
    private readonly int _min;
    private readonly int _max;
    private int _next;

    public MediaLegPortRange(int min, int max)
    {
        _min = min;
        _max = Math.Max(min, max);
        _next = _min == 0 ? 0 : Random.Shared.Next(_min, _max + 1);
    }

    /// <summary>A bound socket, or null when every port of the range is taken.</summary>
    public Socket? Bind(IPAddress address)
    {
        var count = _min == 0 ? 1 : _max - _min + 1;
        for (var i = 0; i < count; i++)
        {
            var port = _min == 0 ? 0 : _min + (int)((uint)(Interlocked.Increment(ref _next) - _min) % (uint)count);
            var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                if (address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    socket.DualMode = false;
                }

                socket.Bind(new IPEndPoint(address, port));
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
