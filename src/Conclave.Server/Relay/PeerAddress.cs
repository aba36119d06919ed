using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Conclave.Server.Relay;

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
    public static PeerAddress From(SocketAddress socketAddress)
    {
        var buffer = socketAddress.Buffer.Span;
        var port = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        if (socketAddress.Family == AddressFamily.InterNetworkV6)
        {
            return new PeerAddress(BinaryPrimitives.ReadUInt128BigEndian(buffer.Slice(8, 16)), port, true);
        }

        return new PeerAddress(BinaryPrimitives.ReadUInt32BigEndian(buffer.Slice(4, 4)), port, false);
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
