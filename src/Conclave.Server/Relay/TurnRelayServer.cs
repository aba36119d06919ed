using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;
using Conclave.Server.Networking;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conclave.Server.Relay;

/// <summary>
/// The TURN relay (RFC 8656): listeners on UDP, TCP and TLS, the allocation table keyed by 5-tuple,
/// quotas, and the sweep that expires allocations, permissions and channels on the
/// <see cref="TimeProvider"/>'s clock.
/// </summary>
public sealed partial class TurnRelayServer : IAsyncDisposable
{
    /// <summary>
    /// SO_RCVBUF of a relayed socket: room for a few hundred datagrams from peers while the worker is
    /// descheduled on a busy host (the default holds about 90 of 1200 bytes). Only queued data costs
    /// memory, and the kernel's udp_mem bounds all UDP queues together.
    /// </summary>
    private const int RelayedReceiveBufferSize = 1024 * 1024;

    private readonly ConcurrentDictionary<FiveTuple, TurnAllocation> _allocations = new();
    private readonly Dictionary<string, int> _perUser = new(StringComparer.Ordinal);
    private readonly Dictionary<UInt128, int> _perAddress = [];
    private readonly Lock _quotaLock = new();
    private readonly RelayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RelayAuthenticator _authenticator;
    private readonly SourceRateLimiter _unauthenticatedLimiter;
    private readonly SourceRateLimiter _bindingLimiter;
    private readonly PeerAddressFilter _peerFilter;
    private readonly UdpPortRange _ports;
    private readonly IPAddress _listenAddress;
    private readonly IPAddress _relayAddress;
    private readonly List<UdpRelayListener> _udp = [];
    private readonly List<StreamRelayListener> _streams = [];
    private UdpWorkerPool _workers = new("TURN UDP", 0, 0);
    private ITimer? _sweep;

    public TurnRelayServer(RelayOptions options, TimeProvider? timeProvider = null, RelayMetrics? metrics = null, ILogger<TurnRelayServer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Secrets.Count == 0)
        {
            throw new ArgumentException("The relay needs at least one shared secret.", nameof(options));
        }

        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        Metrics = metrics ?? new RelayMetrics();
        _logger = logger ?? NullLogger<TurnRelayServer>.Instance;
        _authenticator = new RelayAuthenticator(options, new RelayNonce(_time, options.NonceLifetime), _time);
        _unauthenticatedLimiter = new SourceRateLimiter(_time, options.UnauthenticatedRequestsPerSecond, options.UnauthenticatedBurst);
        _bindingLimiter = new SourceRateLimiter(_time, options.BindingRequestsPerSecond, options.BindingBurst);
        _peerFilter = new PeerAddressFilter(options.AllowLoopbackPeers, options.AllowPrivatePeers);
        _listenAddress = IPAddress.Parse(options.ListenAddress);
        _relayAddress = options.RelayAddress is { Length: > 0 } relay ? IPAddress.Parse(relay) : _listenAddress;
        _ports = new UdpPortRange(_relayAddress, options.MinPort, options.MaxPort, RelayedReceiveBufferSize);
    }

    public RelayMetrics Metrics { get; }

    /// <summary>
    /// An observer of every relayed payload, for tests and diagnostics only; null (the default) in
    /// production, where the per-packet path then costs one null check.
    /// </summary>
    public IRelayTap? Tap { get; init; }

    /// <summary>The UDP listener's address once started (null when UDP is disabled).</summary>
    public IPEndPoint? UdpEndPoint => _udp.Count > 0 ? _udp[0].LocalEndPoint : null;

    public IPEndPoint? TcpEndPoint => _streams.FirstOrDefault(s => s.Transport == RelayTransport.Tcp)?.LocalEndPoint;

    public IPEndPoint? TlsEndPoint => _streams.FirstOrDefault(s => s.Transport == RelayTransport.Tls)?.LocalEndPoint;

    /// <summary>RFC 7983 / RFC 8656 §12: ChannelData starts 0x40–0x4F (0x40–0x7F with RFC 5766 channel numbers).</summary>
    internal bool LooksLikeChannelData(ReadOnlySpan<byte> data) =>
        data.Length >= ChannelData.HeaderLength && data[0] >= 0x40 && data[0] <= (_options.MaxChannelNumber >> 8);

    /// <summary>Sockets the UDP workers watch: their listeners and the relayed sockets of live allocations (0 without workers).</summary>
    internal int PolledSocketCount => _workers.SocketCount;

    /// <summary>UDP worker threads running (0 where the platform has none or <see cref="RelayOptions.UdpThreads"/> is 0).</summary>
    internal int UdpWorkerCount => _workers.Count;

    /// <summary>Active allocations.</summary>
    public int AllocationCount => _allocations.Count;

    /// <summary>Binds the listeners and starts the sweep timer; on failure nothing is left running.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            Start();
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void Start()
    {
        var bufferSize = Math.Max(UdpRelayListener.BufferSize, TurnAllocation.ReceiveBufferSize(_options.MaxDatagramSize));
        _workers = new UdpWorkerPool("TURN UDP", _options.UdpThreads, bufferSize);

        if (_options.UdpPort >= 0)
        {
            // One listener per worker on one port; without workers, one listener.
            var endPoint = new IPEndPoint(_listenAddress, _options.UdpPort);
            if (_workers.Count > 0)
            {
                endPoint = ReserveExclusivePort(endPoint);
            }

            for (var i = 0; i < Math.Max(1, _workers.Count); i++)
            {
                var udp = new UdpRelayListener(this, endPoint, _workers.Count > 0 ? _workers[i] : null);
                _udp.Add(udp);
                udp.Start();
                endPoint = udp.LocalEndPoint;
            }

            RelayLog.Listening(_logger, RelayTransport.Udp, _udp[0].LocalEndPoint);
        }

        if (_options.TcpPort is { } tcpPort)
        {
            var tcp = new StreamRelayListener(this, new IPEndPoint(_listenAddress, tcpPort), RelayTransport.Tcp, null, _logger);
            _streams.Add(tcp);
            tcp.Start();
            RelayLog.Listening(_logger, RelayTransport.Tcp, tcp.LocalEndPoint);
        }

        if (_options.TlsPort is { } tlsPort)
        {
            var certificate = RelayCertificate.Load(_options);
            var tls = new StreamRelayListener(this, new IPEndPoint(_listenAddress, tlsPort), RelayTransport.Tls, certificate, _logger);
            _streams.Add(tls);
            tls.Start();
            RelayLog.Listening(_logger, RelayTransport.Tls, tls.LocalEndPoint);
        }

        // RFC 8656 §7.2: XOR-RELAYED-ADDRESS is where peers send; a wildcard address there leaves clients
        // with a candidate nobody can reach.
        if (_relayAddress.Equals(IPAddress.Any) || _relayAddress.Equals(IPAddress.IPv6Any))
        {
            RelayLog.UnspecifiedRelayAddress(_logger, _relayAddress);
        }

        _sweep = _time.CreateTimer(_ => Sweep(), null, _options.SweepInterval, _options.SweepInterval);
    }

    public async ValueTask DisposeAsync()
    {
        _sweep?.Dispose();
        foreach (var udp in _udp)
        {
            await udp.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var stream in _streams)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var allocation in _allocations.Values)
        {
            Delete(allocation, "shutdown");
        }

        _workers.Dispose();
    }

    /// <summary>
    /// Binds a plain socket (no SO_REUSEPORT) to find, or check, the port: it fails when anything holds
    /// the port, including another process's SO_REUSEPORT group, and for port 0 the kernel picks a port
    /// no group shares. The workers' listeners then bind that port together; without this a second
    /// relay of the same user could silently join the first one's group and take half its clients.
    /// </summary>
    private static IPEndPoint ReserveExclusivePort(IPEndPoint endPoint)
    {
        using var probe = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(endPoint);
        return (IPEndPoint)probe.LocalEndPoint!;
    }

    /// <summary>The worker for a new allocation, round robin (null: the allocation reads with its own async loop).</summary>
    private UdpWorker? NextPoller() => _workers.Next();

    internal TurnAllocation? FindAllocation(in FiveTuple tuple)
    {
        if (_allocations.TryGetValue(tuple, out var allocation) && !allocation.IsExpired(_time.GetTimestamp()))
        {
            return allocation;
        }

        return null;
    }

    /// <summary>RFC 8656 §12.6: ChannelData from a client; dropped when there is no allocation or binding.</summary>
    internal void HandleChannelData(in FiveTuple tuple, ReadOnlySpan<byte> frame, bool stream = false)
    {
        if (!ChannelData.TryParse(frame, stream, _options.MaxChannelNumber, out var message, out _, out _))
        {
            return;
        }

        FindAllocation(tuple)?.RelayChannelToPeer(message.ChannelNumber, message.Data);
    }

    /// <summary>A connection-oriented client went away: RFC 8656 §3.1, its allocation goes with it.</summary>
    internal void ConnectionClosed(in FiveTuple tuple)
    {
        if (_allocations.TryGetValue(tuple, out var allocation))
        {
            Delete(allocation, "connection closed");
        }
    }

    internal void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var allocation in _allocations.Values)
        {
            if (allocation.IsExpired(now))
            {
                Delete(allocation, "expired");
            }
            else
            {
                allocation.Sweep(now);
            }
        }
    }

    private long After(TimeSpan span) => _time.GetTimestamp() + (long)(span.TotalSeconds * _time.TimestampFrequency);

    private void Delete(TurnAllocation allocation, string reason)
    {
        if (!_allocations.TryRemove(new KeyValuePair<FiveTuple, TurnAllocation>(allocation.Tuple, allocation)))
        {
            return;
        }

        allocation.Dispose();
        lock (_quotaLock)
        {
            Decrement(_perUser, allocation.UserId);
            Decrement(_perAddress, allocation.Tuple.Client.Address);
        }

        Metrics.AllocationDeleted();
        RelayLog.AllocationDeleted(_logger, allocation.RelayedEndPoint, allocation.UserId, reason);
    }

    /// <summary>Counts the allocation against both quotas, or says which one is full.</summary>
    private int TryReserveQuota(string userId, UInt128 address)
    {
        lock (_quotaLock)
        {
            if (_allocations.Count >= _options.MaxAllocations)
            {
                return StunErrorCodes.InsufficientCapacity;
            }

            if (_perUser.GetValueOrDefault(userId) >= _options.MaxAllocationsPerUser ||
                _perAddress.GetValueOrDefault(address) >= _options.MaxAllocationsPerAddress)
            {
                return StunErrorCodes.AllocationQuotaReached;
            }

            _perUser[userId] = _perUser.GetValueOrDefault(userId) + 1;
            _perAddress[address] = _perAddress.GetValueOrDefault(address) + 1;
            return 0;
        }
    }

    private void ReleaseQuota(string userId, UInt128 address)
    {
        lock (_quotaLock)
        {
            Decrement(_perUser, userId);
            Decrement(_perAddress, address);
        }
    }

    private static void Decrement<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull
    {
        if (counts.TryGetValue(key, out var count))
        {
            if (count <= 1)
            {
                counts.Remove(key);
            }
            else
            {
                counts[key] = count - 1;
            }
        }
    }

    private static FiveTuple TupleOf(IRelayClientConnection connection) =>
        new(connection.Transport, PeerAddress.From(connection.RemoteEndPoint), PeerAddress.From(connection.LocalEndPoint));

    private static bool SameFamily(IPAddress a, IPAddress b) => a.AddressFamily == b.AddressFamily;

    private static AddressFamily FamilyOf(byte family) => family == TurnAttributes.FamilyIPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
}
