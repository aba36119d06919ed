using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Conclave.Server.Networking;

/// <summary>
/// recvmsg(2) and sendmsg(2) with packet information (ip(7) IP_PKTINFO, ipv6(7) IPV6_PKTINFO), so that a
/// UDP socket bound to a wildcard address learns the local address each datagram was sent to and
/// answers from that same address. Left to itself the kernel picks the source by route, which on a
/// multi-homed host (or for a client on 127.0.0.1 talking to 127.0.0.2) is another address, and clients
/// drop answers from an address they did not send to. The relay's listeners and the media processor's
/// leg sockets use these; both run on the per-packet path, so nothing here allocates: the message
/// header, the I/O vector and the control buffer live on the stack.
/// </summary>
internal static partial class LinuxSockets
{

    private const int SolIp = 0;
    private const int IpPktInfo = 8;
    private const int SolIpv6 = 41;
    private const int Ipv6PktInfo = 50;

    /// <summary>struct cmsghdr on 64-bit Linux: size_t cmsg_len, int cmsg_level, int cmsg_type; data follows, 8-byte aligned.</summary>
    private const int ControlHeaderSize = 16;

    /// <summary>struct in_pktinfo: int ipi_ifindex, in_addr ipi_spec_dst, in_addr ipi_addr.</summary>
    private const int InPacketInfoSize = 12;

    /// <summary>struct in6_pktinfo: in6_addr ipi6_addr, unsigned int ipi6_ifindex.</summary>
    private const int In6PacketInfoSize = 20;

    /// <summary>Room for a few control messages on receive; only the packet information one is asked for.</summary>
    private const int ReceiveControlSize = 128;

    /// <summary>
    /// Whether a negative result of <see cref="ReceiveMessage"/> means the socket cannot be read any more
    /// (EBADF, EFAULT, EINVAL, ENOTSOCK), so a receive loop ends; any other error (EINTR, ENOMEM, a
    /// pending ICMP error) concerns one datagram at most, and the loop goes on as UDP would.
    /// </summary>
    public static bool IsFatal(int result) => result is -9 or -14 or -22 or -88;

    /// <summary>Asks the kernel to report each datagram's destination address (IP_PKTINFO, or IPV6_RECVPKTINFO on an IPv6 socket).</summary>
    public static void EnablePacketInformation(Socket socket)
    {
        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.PacketInformation, true);
        }
        else
        {
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
        }
    }

    /// <summary>
    /// One datagram into <paramref name="buffer"/>, its source into <paramref name="address"/> (a sockaddr)
    /// and the local address it was sent to into <paramref name="destination"/> (port 0; null when the
    /// kernel gave none, i.e. <see cref="EnablePacketInformation"/> was not called). Returns the datagram's
    /// real length (MSG_TRUNC: larger than the buffer when it did not fit), or a negative errno (-EAGAIN
    /// when <paramref name="wait"/> is false and nothing is waiting; see <see cref="IsFatal"/>).
    /// </summary>
    public static unsafe int ReceiveMessage(Socket socket, Span<byte> buffer, Span<byte> address, bool wait, out PeerAddress? destination)
    {
        destination = null;
        Span<byte> control = stackalloc byte[ReceiveControlSize];
        nint received;
        MessageHeader header;
        fixed (byte* data = buffer)
        fixed (byte* name = address)
        fixed (byte* controlBytes = control)
        {
            var vector = new IoVector { Base = (nint)data, Length = (nuint)buffer.Length };
            header = new MessageHeader
            {
                Name = (nint)name,
                NameLength = (uint)address.Length,
                Vectors = (nint)(&vector),
                VectorCount = 1,
                Control = (nint)controlBytes,
                ControlLength = ReceiveControlSize,
            };
            received = recvmsg(socket.SafeHandle, &header, MsgTrunc | (wait ? 0 : MsgDontWait));
        }

        if (received < 0)
        {
            return -Marshal.GetLastPInvokeError();
        }

        destination = ReadDestination(control[..(int)Math.Min(header.ControlLength, (nuint)ReceiveControlSize)]);
        return (int)received;
    }

    /// <summary>
    /// Sends one datagram to <paramref name="target"/> (a sockaddr) from <paramref name="source"/>, a local
    /// address: IP_PKTINFO's ipi_spec_dst or IPV6_PKTINFO's ipi6_addr sets the source, the interface is left
    /// to the route. False when the kernel refused it (UDP is best effort: a lost datagram).
    /// </summary>
    public static unsafe bool SendFrom(Socket socket, ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> target, in PeerAddress source)
    {
        Span<byte> control = stackalloc byte[ControlHeaderSize + Align(In6PacketInfoSize)];
        control.Clear();
        int controlLength;
        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            WriteControlHeader(control, SolIpv6, Ipv6PktInfo, In6PacketInfoSize);
            var address = control.Slice(ControlHeaderSize, 16);
            if (source.IsIPv6)
            {
                BinaryPrimitives.WriteUInt128BigEndian(address, source.Address);
            }
            else
            {
                // An IPv4 source on an IPv6 socket is given IPv4-mapped (::ffff:a.b.c.d).
                address[10] = 0xFF;
                address[11] = 0xFF;
                BinaryPrimitives.WriteUInt32BigEndian(address[12..], (uint)source.Address);
            }

            controlLength = ControlHeaderSize + Align(In6PacketInfoSize);
        }
        else
        {
            if (source.IsIPv6)
            {
                return false;
            }

            WriteControlHeader(control, SolIp, IpPktInfo, InPacketInfoSize);
            BinaryPrimitives.WriteUInt32BigEndian(control[(ControlHeaderSize + 4)..], (uint)source.Address);
            controlLength = ControlHeaderSize + Align(InPacketInfoSize);
        }

        fixed (byte* data = datagram)
        fixed (byte* name = target)
        fixed (byte* controlBytes = control)
        {
            var vector = new IoVector { Base = (nint)data, Length = (nuint)datagram.Length };
            var header = new MessageHeader
            {
                Name = (nint)name,
                NameLength = (uint)target.Length,
                Vectors = (nint)(&vector),
                VectorCount = 1,
                Control = (nint)controlBytes,
                ControlLength = (nuint)controlLength,
            };
            return sendmsg(socket.SafeHandle, &header, 0) >= 0;
        }
    }

    /// <summary>The local address in an IP_PKTINFO (ipi_spec_dst) or IPV6_PKTINFO (ipi6_addr) control message.</summary>
    private static PeerAddress? ReadDestination(ReadOnlySpan<byte> control)
    {
        var offset = 0;
        while (control.Length - offset >= ControlHeaderSize)
        {
            // The kernel writes control headers in the machine's byte order: little-endian on x64 and arm64.
            var length = BinaryPrimitives.ReadUInt64LittleEndian(control[offset..]);
            var level = BinaryPrimitives.ReadInt32LittleEndian(control[(offset + 8)..]);
            var type = BinaryPrimitives.ReadInt32LittleEndian(control[(offset + 12)..]);
            if (length < ControlHeaderSize || length > (ulong)(control.Length - offset))
            {
                return null;
            }

            var data = control.Slice(offset + ControlHeaderSize, (int)length - ControlHeaderSize);
            if (level == SolIp && type == IpPktInfo && data.Length >= InPacketInfoSize)
            {
                // ipi_spec_dst is the local address (for a broadcast, the interface's own); ipi_addr the header's destination.
                return new PeerAddress(BinaryPrimitives.ReadUInt32BigEndian(data[4..]), 0, false);
            }

            if (level == SolIpv6 && type == Ipv6PktInfo && data.Length >= In6PacketInfoSize)
            {
                return new PeerAddress(BinaryPrimitives.ReadUInt128BigEndian(data), 0, true);
            }

            offset += Align((int)length);
        }

        return null;
    }

    private static void WriteControlHeader(Span<byte> control, int level, int type, int dataLength)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(control, (ulong)(ControlHeaderSize + dataLength));
        BinaryPrimitives.WriteInt32LittleEndian(control[8..], level);
        BinaryPrimitives.WriteInt32LittleEndian(control[12..], type);
    }

    /// <summary>CMSG_ALIGN: control message lengths are rounded up to the size of size_t.</summary>
    private static int Align(int length) => (length + 7) & ~7;

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern unsafe nint recvmsg(SafeHandle fd, MessageHeader* message, int flags);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern unsafe nint sendmsg(SafeHandle fd, MessageHeader* message, int flags);

    /// <summary>struct msghdr on 64-bit Linux (56 bytes; the runtime pads after NameLength and Flags as C does).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public nint Name;
        public uint NameLength;
        public nint Vectors;
        public nuint VectorCount;
        public nint Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public nint Base;
        public nuint Length;
    }
}
