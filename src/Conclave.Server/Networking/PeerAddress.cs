using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Conclave.Protocols.Stun;

namespace Conclave.Server.Networking;

/// <summary>
/// An IP address and port as a value, read straight from a <see cref="SocketAddress"/> so that the
/// per-packet path looks up permissions and channels without allocating. IPv4 addresses are kept
/// IPv4-mapped in the 128-bit value.
/// </summary>
internal readonly record struct PeerAddress(UInt128 Address, ushort Port, bool IsIPv6)
{
    public PeerAddress WithoutPort => this with { Port = 0 };

    public static PeerAddress From(IPEndPoint endPoint) => From(endPoint.Address, endPoint.Port);

    public static PeerAddress From(IPAddress address, int port)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes[12..], out _);
            return new PeerAddress(BinaryPrimitives.ReadUInt128BigEndian(bytes), (ushort)port, false);
        }

        address.TryWriteBytes(bytes, out _);
        return new PeerAddress(BinaryPrimitives.ReadUInt128BigEndian(bytes), (ushort)port, true);
    }

    /// <summary>Reads a sockaddr_in / sockaddr_in6 layout (port at 2, IPv4 address at 4, IPv6 address at 8).</summary>
    public static PeerAddress From(SocketAddress socketAddress) =>
        FromSockaddr(socketAddress.Buffer.Span, socketAddress.Family == AddressFamily.InterNetworkV6);

    /// <summary>Reads a raw sockaddr_in (<paramref name="ipv6"/> false) or sockaddr_in6.</summary>
    public static PeerAddress FromSockaddr(ReadOnlySpan<byte> buffer, bool ipv6)
    {
        var port = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        if (ipv6)
        {
            return new PeerAddress(BinaryPrimitives.ReadUInt128BigEndian(buffer.Slice(8, 16)), port, true);
        }

        return new PeerAddress(BinaryPrimitives.ReadUInt32BigEndian(buffer.Slice(4, 4)), port, false);
    }

    /// <summary>
    /// Reads an XOR-PEER-ADDRESS value (RFC 8489 §14.2: port XOR the cookie's top half, address XOR
    /// cookie and, for IPv6, the transaction id) straight into a value, for the per-packet Send path.
    /// </summary>
    public static bool TryReadXor(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId, out PeerAddress peer)
    {
        peer = default;
        if (value.Length < 4 || transactionId.Length != 12)
        {
            return false;
        }

        var port = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(value[2..]) ^ (StunMessage.MagicCookie >> 16));
        if (value[1] == 0x01 && value.Length == 8)
        {
            peer = new PeerAddress(BinaryPrimitives.ReadUInt32BigEndian(value[4..]) ^ StunMessage.MagicCookie, port, false);
            return true;
        }

        if (value[1] != 0x02 || value.Length != 20)
        {
            return false;
        }

        Span<byte> mask = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunMessage.MagicCookie);
        transactionId.CopyTo(mask[4..]);
        var address = BinaryPrimitives.ReadUInt128BigEndian(value.Slice(4, 16)) ^ BinaryPrimitives.ReadUInt128BigEndian(mask);
        peer = new PeerAddress(address, port, true);
        return true;
    }

    /// <summary>The address as it goes in an XOR address attribute: 4 or 16 bytes.</summary>
    public int WriteAddress(Span<byte> destination)
    {
        if (IsIPv6)
        {
            BinaryPrimitives.WriteUInt128BigEndian(destination, Address);
            return 16;
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)Address);
        return 4;
    }

    public IPEndPoint ToEndPoint()
    {
        Span<byte> bytes = stackalloc byte[16];
        var length = WriteAddress(bytes);
        return new IPEndPoint(new IPAddress(bytes[..length]), Port);
    }
}
