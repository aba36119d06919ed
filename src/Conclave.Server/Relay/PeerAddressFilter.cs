using System.Net;
using System.Net.Sockets;

namespace Conclave.Server.Relay;

/// <summary>
/// Which peers the relay may send to (RFC 8656 §21.3: a relay must not become a way into the
/// operator's own network). Unspecified, multicast and broadcast are always refused; loopback and
/// private/link-local ranges only when configured, as coturn's denied-peer-ip defaults.
/// </summary>
internal sealed class PeerAddressFilter
{
    private readonly bool _allowLoopback;
    private readonly bool _allowPrivate;

    public PeerAddressFilter(bool allowLoopback, bool allowPrivate)
    {
        _allowLoopback = allowLoopback;
        _allowPrivate = allowPrivate;
    }

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (IPAddress.IsLoopback(address))
        {
            return _allowLoopback;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            if (b[0] >= 224 || b[0] == 0)
            {
                // 224.0.0.0/4 multicast, 240.0.0.0/4 reserved, 0.0.0.0/8 "this network".
                return false;
            }

            var isPrivate = b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168) ||
                (b[0] == 169 && b[1] == 254) || (b[0] == 100 && (b[1] & 0xC0) == 64);
            return !isPrivate || _allowPrivate;
        }

        if (address.IsIPv6Multicast)
        {
            return false;
        }

        Span<byte> v6 = stackalloc byte[16];
        address.TryWriteBytes(v6, out _);
        var isPrivate6 = address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || (v6[0] & 0xFE) == 0xFC;
        return !isPrivate6 || _allowPrivate;
    }
}
