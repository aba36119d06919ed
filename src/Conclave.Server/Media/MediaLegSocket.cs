using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Conclave.Protocols.Net;
using Conclave.Protocols.Stun;
using Conclave.Server.Networking;

namespace Conclave.Server.Media;

/// <summary>Receives one DTLS, SRTP or SRTCP datagram from the leg's device (the span is valid during the call only).</summary>
internal delegate void MediaDatagramHandler(ReadOnlySpan<byte> datagram);

/// <summary>
/// The UDP socket of one leg. On Linux it is one of the sockets of a shared <see cref="UdpWorker"/> (the
/// media processor's pool, the same machinery as the relay's), drained with non-blocking receives, so
/// legs cost no thread each; elsewhere it has a receive thread of its own. STUN goes to the ICE-lite
/// agent (which authenticates checks itself, RFC 8445 §7.3) through <see cref="ReceiveFromAsync"/>; any
/// other datagram goes straight to <see cref="MediaReceived"/>, and only from the device's address: the
/// first one whose check the agent answered with success (RFC 8445 §12.1, <see cref="Admit"/>), then the
/// one it nominates (§7.3.1.5), so spoofed or stray DTLS and SRTP are counted as refused and dropped
/// before any parsing. Media never passes through the agent's queue, and forwarded packets leave through
/// <see cref="Send"/>: the per-packet path allocates nothing.
/// <para>
/// On Linux each datagram is read with the local address it was sent to (IP_PKTINFO), and answers to
/// checks and everything sent to the device leave from that address (<see cref="LinuxSockets.SendFrom"/>):
/// a leg bound to a wildcard (<c>Conclave:MediaProcessor:ListenAddress</c> 0.0.0.0 with an announced address)
/// would otherwise send from whichever address the kernel routes by, and devices drop what comes from an
/// address other than the candidate they checked.
/// </para>
/// </summary>
internal sealed partial class MediaLegSocket : IDatagramSocket, IPolledSocket
{
    /// <summary>Largest datagram read: an Ethernet MTU plus room to see that a datagram was longer.</summary>
    public const int ReceiveBufferSize = 2048;

    /// <summary>STUN messages queued for the agent before more are dropped (a device sends a few checks a second).</summary>
    private const int StunQueueCapacity = 32;

    /// <summary>Remote addresses whose local address is remembered for answers; a leg talks to one device's few candidates.</summary>
    private const int MaxReplySources = 16;

    private readonly Socket _socket;
    private readonly MediaProcessorMetrics _metrics;
    private readonly IPEndPoint _any;
    private readonly SocketAddress _from;
    private readonly bool _packetInformation;
    private readonly UdpWorker? _worker;
    private readonly long _workerId;
    private readonly Channel<(byte[] Datagram, IPEndPoint From, PeerAddress? To)> _stun = Channel.CreateBounded<(byte[], IPEndPoint, PeerAddress?)>(
        new BoundedChannelOptions(StunQueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true, SingleWriter = true });

    /// <summary>The local address each remote's latest check was sent to, so the agent's answer leaves from it.</summary>
    private readonly Dictionary<IPEndPoint, PeerAddress> _replySources = [];
    private readonly Lock _replySourcesLock = new();

    private DeviceRoute? _device;
    private int _disposed;

    /// <summary>Takes the bound socket; <paramref name="worker"/> reads it (null: a receive thread of its own).</summary>
    public MediaLegSocket(Socket socket, MediaProcessorMetrics metrics, UdpWorker? worker)
    {
        _socket = socket;
        _metrics = metrics;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        _from = _any.Serialize();
        _packetInformation = LinuxSockets.IsSupported;
        if (_packetInformation)
        {
            LinuxSockets.EnablePacketInformation(socket);
        }

        if (worker is not null && _packetInformation)
        {
            _workerId = worker.Register(this);
            if (_workerId != 0)
            {
                _worker = worker;
                return;
            }
        }

        StartReceiveThread();
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The device's address once it passed a check (the only source of DTLS and SRTP accepted).</summary>
    public IPEndPoint? Device => Volatile.Read(ref _device)?.EndPoint;

    /// <summary>Where DTLS, SRTP and SRTCP from the device go; set by the leg.</summary>
    public MediaDatagramHandler? MediaReceived { get; set; }

    /// <summary>Whether a shared worker reads this socket (false: a thread of its own).</summary>
    public bool OnWorker => _worker is not null;

    Socket IPolledSocket.Socket => _socket;

    int IPolledSocket.DrainLimit => UdpWorker.SocketDrainLimit;

    /// <summary>Called when the device nominates a pair (RFC 8445 §7.3.1.5); may change on a later nomination.</summary>
    public void SetDevice(IPEndPoint device) => Volatile.Write(ref _device, RouteTo(device));

    /// <summary>
    /// RFC 8445 §12.1: data may flow on a valid pair before nomination, and devices start DTLS there. The
    /// agent reports a check as succeeded only once its MESSAGE-INTEGRITY proved the device's credentials
    /// (§7.3), so the first address so reported stands for the device until a nomination names one.
    /// </summary>
    public void Admit(IPEndPoint device)
    {
        if (Volatile.Read(ref _device) is null)
        {
            Interlocked.CompareExchange(ref _device, RouteTo(device), null);
        }
    }

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
    /// non-blocking mode for good, and a receive thread's blocking receives would then be emulated at
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

    /// <summary>Called by the worker when the socket is readable: handles up to <paramref name="limit"/> waiting datagrams.</summary>
    public void Drain(byte[] buffer, byte[] address, int limit)
    {
        var data = buffer.AsSpan(0, Math.Min(buffer.Length, ReceiveBufferSize));
        for (var i = 0; i < limit && Volatile.Read(ref _disposed) == 0; i++)
        {
            int length;
            PeerAddress? to;
            try
            {
                length = LinuxSockets.ReceiveMessage(_socket, data, address, wait: false, out to);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (length < 0)
            {
                return;
            }

            address.AsSpan(0, _from.Size).CopyTo(_from.Buffer.Span);
            if (length > data.Length)
            {
                // Truncated (MSG_TRUNC gives the real length): an oversized datagram.
                _metrics.Refused();
                continue;
            }

            Dispatch(data[..length], _from, to);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _worker?.Unregister(_workerId, this);
            _socket.Dispose();
            _stun.Writer.TryComplete();
        }

        return ValueTask.CompletedTask;
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
