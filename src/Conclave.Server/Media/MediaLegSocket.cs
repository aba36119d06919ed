using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Conclave.Protocols.Net;
using Conclave.Protocols.Stun;
using Conclave.Server.Relay;

namespace Conclave.Server.Media;

/// <summary>Receives one DTLS, SRTP or SRTCP datagram from the leg's device (the span is valid during the call only).</summary>
internal delegate void MediaDatagramHandler(ReadOnlySpan<byte> datagram);

/// <summary>
/// The UDP socket of one leg. One receive loop reads it: STUN goes to the ICE-lite agent (which
/// authenticates checks itself, RFC 8445 §7.3) through <see cref="ReceiveFromAsync"/>; any other datagram
/// goes straight to <see cref="MediaReceived"/>, and only from the device's address: the first one whose
/// check the agent answered with success (RFC 8445 §12.1), then the one it nominates (§7.3.1.5), so spoofed or stray DTLS and SRTP are counted as refused and dropped before any
/// parsing. Media never passes through the agent's queue, and forwarded packets leave through
/// <see cref="Send"/>: the per-packet path allocates nothing.
/// <para>
/// On Linux each datagram is read with the local address it was sent to (IP_PKTINFO), and answers to
/// checks and everything sent to the device leave from that address (<see cref="LinuxSockets.SendFrom"/>):
/// a leg bound to a wildcard (<c>MediaProcessor:ListenAddress</c> 0.0.0.0 with an announced address)
/// would otherwise send from whichever address the kernel routes by, and devices drop what comes from an
/// address other than the candidate they checked.
/// </para>
/// </summary>
internal sealed class MediaLegSocket : IDatagramSocket
{
    /// <summary>Largest datagram read: an Ethernet MTU plus room to see that a datagram was longer.</summary>
    private const int ReceiveBufferSize = 2048;

    /// <summary>Stack of a leg's receive thread: 256 KiB, ample for the forwarding path and DTLS hand-off.</summary>
    private const int ReceiveThreadStackSize = 256 * 1024;

    /// <summary>STUN messages queued for the agent before more are dropped (a device sends a few checks a second).</summary>
    private const int StunQueueCapacity = 32;

    /// <summary>Remote addresses whose local address is remembered for answers; a leg talks to one device's few candidates.</summary>
    private const int MaxReplySources = 16;

    private readonly Socket _socket;
    private readonly MediaProcessorMetrics _metrics;
    private readonly IPEndPoint _any;
    private readonly bool _packetInformation;
    private readonly Channel<(byte[] Datagram, IPEndPoint From, PeerAddress? To)> _stun = Channel.CreateBounded<(byte[], IPEndPoint, PeerAddress?)>(
        new BoundedChannelOptions(StunQueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true, SingleWriter = true });

    /// <summary>The local address each remote's latest check was sent to, so the agent's answer leaves from it.</summary>
    private readonly Dictionary<IPEndPoint, PeerAddress> _replySources = [];
    private readonly Lock _replySourcesLock = new();

    private DeviceRoute? _device;
    private int _disposed;

    public MediaLegSocket(Socket socket, MediaProcessorMetrics metrics)
    {
        _socket = socket;
        _metrics = metrics;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        _packetInformation = LinuxSockets.IsSupported;
        if (_packetInformation)
        {
            LinuxSockets.EnablePacketInformation(socket);
        }

        // A thread of its own, blocked in a synchronous receive, as the relay's listener: the async receive
        // path allocates an operation object whenever its continuation runs inline, which on the media
        // path would be a steady share of the packets. The stack is small: the loop holds no deep frames.
        new Thread(ReceiveLoop, ReceiveThreadStackSize) { IsBackground = true, Name = "media-leg " + LocalEndPoint }.Start();
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The device's address once it passed a check (the only source of DTLS and SRTP accepted).</summary>
    public IPEndPoint? Device => Volatile.Read(ref _device)?.EndPoint;

    /// <summary>Where DTLS, SRTP and SRTCP from the device go; set by the leg.</summary>
    public MediaDatagramHandler? MediaReceived { get; set; }

    /// <summary>Called when the device nominates a pair (RFC 8445 §7.3.1.5); may change on a later nomination.</summary>
    public void SetDevice(IPEndPoint device) => Volatile.Write(ref _device, RouteTo(device));

    /// <summary>
    /// RFC 8445 §12.1: data may flow on a valid pair before nomination, and devices start DTLS there. The
    /// agent answers a check with success only once its MESSAGE-INTEGRITY proved the device's credentials
    /// (§7.3), so the first address answered so stands for the device until a nomination names one.
    /// </summary>
    private void Checked(IPEndPoint device) => Interlocked.CompareExchange(ref _device, RouteTo(device), null);

    /// <summary>The device's address with the local address its checks were sent to, when known.</summary>
    private DeviceRoute RouteTo(IPEndPoint device)
    {
        lock (_replySourcesLock)
        {
            return _replySources.TryGetValue(device, out var source)
                ? new DeviceRoute(device, device.Serialize(), source, true)
                : new DeviceRoute(device, device.Serialize(), default, false);
        }
    }

    /// <summary>
    /// Sends synchronously (a UDP send does not wait): one async operation would switch the socket to
    /// non-blocking mode for good, and the receive thread's blocking receives would then be emulated at
    /// the cost of an allocation each.
    /// </summary>
    public ValueTask SendToAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remoteEndPoint, CancellationToken cancellationToken)
    {
        try
        {
            bool known;
            PeerAddress source;
            lock (_replySourcesLock)
            {
                known = _replySources.TryGetValue(remoteEndPoint, out source);
            }

            if (known)
            {
                var target = remoteEndPoint.Serialize();
                LinuxSockets.SendFrom(_socket, datagram.Span, target.Buffer.Span[..target.Size], source);
            }
            else
            {
                _socket.SendTo(datagram.Span, SocketFlags.None, remoteEndPoint);
            }

            // RFC 8489 §5: 0x0101 is a Binding success response.
            if (Volatile.Read(ref _device) is null && datagram.Length >= 2 && datagram.Span[0] == 0x01 && datagram.Span[1] == 0x01)
            {
                Checked(remoteEndPoint);
            }
        }
        catch (SocketException)
        {
            // UDP is best effort: a lost STUN response is retransmitted by the device's ICE agent.
        }
        catch (ObjectDisposedException)
        {
            // The leg closed.
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Sends to the device; false before ICE selected a pair or once the socket is closed.</summary>
    public bool Send(ReadOnlySpan<byte> datagram)
    {
        var device = Volatile.Read(ref _device);
        if (device is null)
        {
            return false;
        }

        try
        {
            if (device.HasSource)
            {
                return LinuxSockets.SendFrom(_socket, datagram, device.Address.Buffer.Span[..device.Address.Size], device.Source);
            }

            _socket.SendTo(datagram, SocketFlags.None, device.Address);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>The next STUN message for the agent.</summary>
    public async ValueTask<DatagramReceived> ReceiveFromAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        (byte[] Datagram, IPEndPoint From, PeerAddress? To) message;
        try
        {
            message = await _stun.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new ObjectDisposedException(nameof(MediaLegSocket), e);
        }

        if (message.To is { } to)
        {
            // Remembered before the agent sees the check, so its answer (SendToAsync) leaves from where the check arrived.
            lock (_replySourcesLock)
            {
                if (_replySources.Count >= MaxReplySources && !_replySources.ContainsKey(message.From))
                {
                    _replySources.Clear();
                }

                _replySources[message.From] = to;
            }
        }

        var length = Math.Min(buffer.Length, message.Datagram.Length);
        message.Datagram.AsSpan(0, length).CopyTo(buffer.Span);
        return new DatagramReceived(length, message.From);
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socket.Dispose();
            _stun.Writer.TryComplete();
        }

        return ValueTask.CompletedTask;
    }

    private void ReceiveLoop()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferSize, pinned: true);
        var from = _any.Serialize();
        var address = GC.AllocateUninitializedArray<byte>(from.Buffer.Length, pinned: true);
        try
        {
            while (Volatile.Read(ref _disposed) == 0)
            {
                int length;
                PeerAddress? to = null;
                if (_packetInformation)
                {
                    // Blocking recvmsg; disposing the socket unblocks it (it then returns 0 and the loop sees _disposed).
                    length = LinuxSockets.ReceiveMessage(_socket, buffer, address, wait: true, out to);
                    if (length < 0)
                    {
                        if (LinuxSockets.IsFatal(length))
                        {
                            return;
                        }

                        continue;
                    }

                    address.AsSpan(0, from.Size).CopyTo(from.Buffer.Span);
                    if (length > buffer.Length)
                    {
                        // Truncated (MSG_TRUNC gives the real length): an oversized datagram, as SocketError.MessageSize below.
                        _metrics.Refused();
                        continue;
                    }
                }
                else
                {
                    try
                    {
                        length = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
                    }
                    catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                    {
                        // ICMP port unreachable or an oversized datagram: skip it and keep receiving.
                        _metrics.Refused();
                        continue;
                    }
                }

                Dispatch(buffer.AsSpan(0, length), from, to);
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            // The leg closed its socket under the pending receive.
        }
        finally
        {
            _stun.Writer.TryComplete();
        }
    }

    private void Dispatch(ReadOnlySpan<byte> datagram, SocketAddress from, PeerAddress? to)
    {
        if (StunMessage.IsStun(datagram))
        {
            // Checks are rare (consent every few seconds, RFC 7675 §5.1), so copying them costs nothing that matters.
            _stun.Writer.TryWrite((datagram.ToArray(), (IPEndPoint)_any.Create(from), to));
        }
        else if (Volatile.Read(ref _device) is { } device && device.Address.Equals(from) && MediaReceived is { } handler)
        {
            handler(datagram);
        }
        else
        {
            _metrics.Refused();
        }
    }

    /// <summary>Where the device is, in socket form for allocation-free sends, and the local address to send it from.</summary>
    private sealed record DeviceRoute(IPEndPoint EndPoint, SocketAddress Address, PeerAddress Source, bool HasSource);
}
