using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Conclave.Server.Networking;

/// <summary>
/// The few Linux calls the UDP workers (<see cref="UdpWorker"/>) need: epoll(7) to wait on many sockets from
/// one thread, and recvfrom(2) with MSG_DONTWAIT to drain a ready socket without blocking and without
/// the runtime's per-operation completion machinery. Sockets are passed as <see cref="SafeHandle"/>s,
/// so the descriptor cannot be closed (and its number reused) while a call on it is in flight.
/// </summary>
internal static partial class LinuxSockets
{
    public const int EpollIn = 0x001;
    public const int EpollCtlAdd = 1;
    public const int EpollCtlDel = 2;
    private const int EpollCloexec = 0x80000;
    private const int MsgDontWait = 0x40;
    private const int MsgTrunc = 0x20;
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    /// <summary>
    /// struct epoll_event is packed (12 bytes, data at offset 4) on x86-64 and naturally aligned
    /// (16 bytes, data at offset 8) on arm64; other architectures use the runtime's async sockets.
    /// </summary>
    public static readonly bool IsSupported = OperatingSystem.IsLinux() &&
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    public static int CreateEpoll() => epoll_create1(EpollCloexec);

    public static bool Control(int epoll, int operation, SafeHandle socket, long data)
    {
        Span<byte> ev = stackalloc byte[16];
        ev.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(ev, EpollIn);
        BinaryPrimitives.WriteInt64LittleEndian(ev[DataOffset..], data);
        return epoll_ctl(epoll, operation, socket, ref MemoryMarshal.GetReference(ev)) == 0;
    }

    /// <summary>Waits for ready sockets; returns how many events were written (0 on timeout or signal).</summary>
    public static int Wait(int epoll, byte[] events, int timeoutMilliseconds) =>
        Math.Max(0, epoll_wait(epoll, events, events.Length / EventSize, timeoutMilliseconds));

    public static long EventData(byte[] events, int index) =>
        BinaryPrimitives.ReadInt64LittleEndian(events.AsSpan((index * EventSize) + DataOffset, 8));

    /// <summary>
    /// SO_REUSEPORT (socket(7)): several sockets of this process share one UDP port and the kernel
    /// spreads datagrams over them by 4-tuple, so each client stays on one socket (and one thread).
    /// </summary>
    public static void SetReusePort(Socket socket) => socket.SetRawSocketOption(SolSocket, SoReusePort, [1, 0, 0, 0]);

    /// <summary>
    /// One datagram into <paramref name="buffer"/>, its source in <paramref name="address"/> (a sockaddr);
    /// -1 when nothing is waiting or on any error, which UDP treats as a lost datagram. With MSG_TRUNC the
    /// result is the datagram's real length, so a caller sees one larger than the buffer and drops it.
    /// </summary>
    public static int ReceiveFrom(Socket socket, Span<byte> buffer, Span<byte> address)
    {
        var addressLength = address.Length;
        var received = recvfrom(socket.SafeHandle, ref MemoryMarshal.GetReference(buffer), (nuint)buffer.Length, MsgDontWait | MsgTrunc,
            ref MemoryMarshal.GetReference(address), ref addressLength);
        return (int)received;
    }

    public static void Close(int fd) => _ = close(fd);

    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int epoll_create1(int flags);

    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int epoll_ctl(int epoll, int operation, SafeHandle fd, ref byte ev);

    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int epoll_wait(int epoll, [Out] byte[] events, int maxEvents, int timeout);

    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint recvfrom(SafeHandle fd, ref byte buffer, nuint length, int flags, ref byte address, ref int addressLength);

    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int close(int fd);
}
