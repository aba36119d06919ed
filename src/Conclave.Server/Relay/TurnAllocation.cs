using System.Net;
using System.Net.Sockets;
using Conclave.Server.Networking;

namespace Conclave.Server.Relay;

/// <summary>
/// One allocation (RFC 8656 §7): the relayed UDP socket, its permissions and channel bindings, and
/// the per-packet relay in both directions. The relayed socket is read by one loop into one pooled
/// buffer with room in front for the ChannelData or Data indication header, so data from a peer is
/// framed for the client in place.
/// </summary>
internal sealed partial class TurnAllocation : IPolledSocket, IDisposable
{
    /// <summary>Room in front of the payload: STUN header 20 + XOR-PEER-ADDRESS (IPv6) 24 + DATA header 4.</summary>
    private const int Headroom = 48;

    /// <summary>RFC 8656 §12: a channel or peer cannot be rebound differently for 5 minutes after expiry.</summary>
    private static readonly TimeSpan ChannelCooldown = TimeSpan.FromMinutes(5);

    /// <summary>Serialises the control requests that change <see cref="_tables"/>; the per-packet path takes no lock for it.</summary>
    private readonly Lock _lock = new();

    /// <summary>Token buckets and the Send-indication peer cache, one lock per direction so the two never contend.</summary>
    private readonly Lock _toPeerLock = new();
    private readonly Lock _toClientLock = new();
    private readonly Socket _socket;
    private readonly TimeProvider _time;
    private readonly RelayMetrics _metrics;
    private readonly int _maxDatagram;
    private PeerTables _tables = PeerTables.Empty;
    private readonly long _cooldownTicks;
    private TokenBucket _toPeer;
    private TokenBucket _toClient;
    private readonly bool _limited;
    private Task? _loop;
    private UdpWorker? _poller;
    private long _pollerId;
    private Dictionary<PeerAddress, SocketAddress>? _peerSockets;
    private long _expiresAt;
    private int _disposed;

    public TurnAllocation(FiveTuple tuple, IRelayClientConnection client, Socket socket, string username, string userId,
        UInt128 transactionKey, TimeProvider time, RelayMetrics metrics, long bandwidth, int maxDatagram)
    {
        Tuple = tuple;
        Client = client;
        _socket = socket;
        Username = username;
        UserId = userId;
        TransactionKey = transactionKey;
        _time = time;
        _metrics = metrics;
        _maxDatagram = maxDatagram;
        RelayedEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _cooldownTicks = (long)(ChannelCooldown.TotalSeconds * time.TimestampFrequency);
        var now = time.GetTimestamp();
        _limited = bandwidth > 0;
        // A one-second burst lets a video key frame through without loosening the average.
        _toPeer = new TokenBucket(bandwidth, bandwidth, now, time.TimestampFrequency);
        _toClient = new TokenBucket(bandwidth, bandwidth, now, time.TimestampFrequency);
    }

    public FiveTuple Tuple { get; }

    /// <summary>Size of a receive buffer for relayed datagrams: header room, the datagram, ChannelData padding.</summary>
    public static int ReceiveBufferSize(int maxDatagram) => Headroom + maxDatagram + 4;

    /// <summary>The relay's optional observer of relayed payloads (see <see cref="IRelayTap"/>).</summary>
    public IRelayTap? Tap { get; init; }

    public IRelayClientConnection Client { get; }

    public IPEndPoint RelayedEndPoint { get; }

    public string Username { get; }

    public string UserId { get; }

    /// <summary>The Allocate transaction, so a retransmitted Allocate gets success instead of 437.</summary>
    public UInt128 TransactionKey { get; }

    /// <summary>Expiry as a <see cref="TimeProvider"/> timestamp.</summary>
    public long ExpiresAt
    {
        get => Volatile.Read(ref _expiresAt);
        set => Volatile.Write(ref _expiresAt, value);
    }

    public bool IsExpired(long now) => now >= ExpiresAt;

    /// <summary>The relayed socket, for the poller that reads it.</summary>
    Socket IPolledSocket.Socket => _socket;

    int IPolledSocket.DrainLimit => UdpWorker.SocketDrainLimit;

    /// <summary>
    /// Starts reading from peers: through <paramref name="poller"/> when there is one (Linux), else with
    /// an async receive loop of its own.
    /// </summary>
    public void Start(UdpWorker? poller = null)
    {
        if (poller is not null)
        {
            var id = poller.Register(this);
            if (id != 0)
            {
                _poller = poller;
                _pollerId = id;
                return;
            }
        }

        _loop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>The current permissions and channels, for lock-free reads.</summary>
    private PeerTables Tables => Volatile.Read(ref _tables);

    /// <summary>RFC 8656 §9: installs or refreshes a permission for the peer's IP address.</summary>
    public void InstallPermission(PeerAddress peer, long expiresAt)
    {
        lock (_lock)
        {
            var tables = _tables;
            if (tables.Permissions.TryGetValue(peer.WithoutPort, out var existing))
            {
                existing.ExpiresAt = expiresAt;
                return;
            }

            var permissions = new Dictionary<PeerAddress, PermissionExpiry>(tables.Permissions) { [peer.WithoutPort] = new PermissionExpiry(expiresAt) };
            Volatile.Write(ref _tables, new PeerTables(permissions, tables.ChannelsByNumber, tables.ChannelsByPeer));
        }
    }

    public bool HasPermission(PeerAddress peer, long now) => Tables.IsPermitted(peer, now);

    /// <summary>
    /// RFC 8656 §11.2: binds or refreshes; false when the number is bound to another peer or the
    /// peer to another number (including recently expired bindings, §12).
    /// </summary>
    public bool TryBindChannel(ushort number, IPEndPoint peer, long expiresAt, long permissionExpiresAt)
    {
        var key = PeerAddress.From(peer);
        lock (_lock)
        {
            var tables = _tables;
            var byNumber = tables.ChannelsByNumber.TryGetValue(number, out var existing);
            var byPeer = tables.ChannelsByPeer.TryGetValue(key, out var existingForPeer);
            if ((byNumber && existing!.Peer != key) || (byPeer && existingForPeer!.Number != number))
            {
                return false;
            }

            var binding = existing ?? new ChannelBinding(number, peer);
            binding.ExpiresAt = expiresAt;
            if (byNumber && tables.Permissions.TryGetValue(key.WithoutPort, out var held))
            {
                // A refresh of a live binding and its permission: expiries move, the snapshot stays.
                held.ExpiresAt = permissionExpiresAt;
                return true;
            }

            var permissions = new Dictionary<PeerAddress, PermissionExpiry>(tables.Permissions);
            if (permissions.TryGetValue(key.WithoutPort, out var permission))
            {
                permission.ExpiresAt = permissionExpiresAt;
            }
            else
            {
                permissions[key.WithoutPort] = new PermissionExpiry(permissionExpiresAt);
            }

            Volatile.Write(ref _tables, new PeerTables(permissions,
                new Dictionary<ushort, ChannelBinding>(tables.ChannelsByNumber) { [number] = binding },
                new Dictionary<PeerAddress, ChannelBinding>(tables.ChannelsByPeer) { [key] = binding }));
            return true;
        }
    }

    /// <summary>Drops expired permissions and channel bindings past their cool-down.</summary>
    public void Sweep(long now)
    {
        lock (_lock)
        {
            var tables = _tables;
            if (!AnyExpired(tables, now))
            {
                return;
            }

            var permissions = tables.Permissions.Where(p => p.Value.ExpiresAt > now).ToDictionary();
            var byNumber = tables.ChannelsByNumber.Where(b => b.Value.ExpiresAt + _cooldownTicks > now).ToDictionary();
            var byPeer = byNumber.Values.ToDictionary(b => b.Peer);
            Volatile.Write(ref _tables, new PeerTables(permissions, byNumber, byPeer));
        }
    }

    /// <summary>Runs every sweep for every allocation, so it walks the tables without allocating.</summary>
    private bool AnyExpired(PeerTables tables, long now)
    {
        foreach (var permission in tables.Permissions.Values)
        {
            if (permission.ExpiresAt <= now)
            {
                return true;
            }
        }

        foreach (var binding in tables.ChannelsByNumber.Values)
        {
            if (binding.ExpiresAt + _cooldownTicks <= now)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _poller?.Unregister(_pollerId, this);
            _socket.Dispose();
        }
    }
}
