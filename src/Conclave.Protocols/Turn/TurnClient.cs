using System.Buffers;
using System.Net;
using System.Threading.Channels;
using Conclave.Protocols.Net;
using Conclave.Protocols.Stun;

namespace Conclave.Protocols.Turn;

/// <summary>
/// A TURN client over UDP (RFC 8656) on one socket to one server. After <see cref="AllocateAsync"/>
/// it is itself an <see cref="IDatagramSocket"/> whose local end point is the relayed address:
/// sending installs a permission when needed and uses a channel once bound; received datagrams are
/// the peers' data with the peers' addresses. Allocation, permissions and channels are refreshed
/// before they expire.
/// </summary>
public sealed partial class TurnClient : IDatagramSocket
{
    /// <summary>RFC 8656 §9: permissions last 300 s; refresh a minute early.</summary>
    private static readonly TimeSpan PermissionRefresh = TimeSpan.FromMinutes(4);

    /// <summary>RFC 8656 §12: channel bindings last 600 s; rebind a minute early.</summary>
    private static readonly TimeSpan ChannelRefresh = TimeSpan.FromMinutes(9);

    private static readonly TimeSpan MaintenancePeriod = TimeSpan.FromSeconds(30);

    private readonly IDatagramSocket _socket;
    private readonly IPEndPoint _server;
    private readonly string _username;
    private readonly string _password;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _cts = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<UInt128, TaskCompletionSource<StunMessage>> _pending = [];
    private readonly Dictionary<IPAddress, (Task Task, long InstalledAt)> _permissions = [];
    private readonly Dictionary<IPEndPoint, (ushort Channel, Task Task, long BoundAt)> _channelsByPeer = [];
    private readonly Dictionary<ushort, IPEndPoint> _peersByChannel = [];
    private readonly Channel<(byte[] Data, IPEndPoint From)> _received = Channel.CreateBounded<(byte[], IPEndPoint)>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private string? _realm;
    private string? _nonce;
    private byte[]? _key;
    private IPEndPoint? _relayed;
    private ushort _nextChannel = ChannelData.MinChannel;
    private long _expiresAt;
    private ITimer? _maintenance;
    private Task? _receiveLoop;
    private bool _disposed;

    public TurnClient(IDatagramSocket socket, IPEndPoint server, string username, string password, TimeProvider? timeProvider = null)
    {
        _socket = socket;
        _server = server;
        _username = username;
        _password = password;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The relayed transport address once allocated; the underlying socket's address before.</summary>
    public IPEndPoint LocalEndPoint => _relayed ?? _socket.LocalEndPoint;

    /// <summary>The server-reflexive address the server saw (XOR-MAPPED-ADDRESS of the Allocate response).</summary>
    public IPEndPoint? MappedEndPoint { get; private set; }

    public IPEndPoint? RelayedEndPoint => _relayed;

    public TimeSpan Lifetime { get; private set; }

    /// <summary>Raised after each successful Refresh (automatic or asked for).</summary>
    public event Action<TimeSpan>? Refreshed;

    /// <summary>Refreshes of the allocation made by the client on its own, before expiry.</summary>
    public int AutomaticRefreshes { get; private set; }

    /// <summary>Requests that were retried after a 438 Stale Nonce (RFC 8489 §9.2.5).</summary>
    public int StaleNonceRetries { get; private set; }

    /// <summary>RFC 8656 §7.1: Allocate with REQUESTED-TRANSPORT UDP, answering the 401 challenge with long-term credentials.</summary>
    public async Task AllocateAsync(CancellationToken cancellationToken)
    {
        _receiveLoop ??= ReceiveLoopAsync();
        var response = await RequestAsync(StunMethod.Allocate, b => b.AddRequestedTransport(), cancellationToken).ConfigureAwait(false);
        if (!response.TryGetXorAddress(StunAttributeType.XorRelayedAddress, out var relayed))
        {
            throw new TurnException(0, "Allocate response without XOR-RELAYED-ADDRESS.");
        }

        response.TryGetXorAddress(StunAttributeType.XorMappedAddress, out var mapped);
        response.TryGetLifetime(out var lifetime);
        lock (_lock)
        {
            _relayed = relayed;
            MappedEndPoint = mapped;
            SetLifetime(lifetime);
            _maintenance ??= _time.CreateTimer(_ => _ = MaintainAsync(), null, MaintenancePeriod, MaintenancePeriod);
        }
    }

    /// <summary>RFC 8656 §7: Refresh; a zero lifetime deletes the allocation.</summary>
    public async Task RefreshAsync(TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var response = await RequestAsync(StunMethod.Refresh, b => b.AddLifetime(lifetime), cancellationToken).ConfigureAwait(false);
        response.TryGetLifetime(out var granted);
        lock (_lock)
        {
            SetLifetime(granted);
        }

        Refreshed?.Invoke(granted);
    }

    /// <summary>RFC 8656 §9: installs or refreshes a permission for the peer's IP address.</summary>
    public Task CreatePermissionAsync(IPAddress peer, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var task = RequestAsync(StunMethod.CreatePermission,
                b => b.AddXorAddress(StunAttributeType.XorPeerAddress, new IPEndPoint(peer, 0)), cancellationToken);
            _permissions[peer] = (task, _time.GetTimestamp());
            return task;
        }
    }

    /// <summary>RFC 8656 §11: binds a channel to the peer (also installing the permission); returns the channel number.</summary>
    public async Task<ushort> BindChannelAsync(IPEndPoint peer, CancellationToken cancellationToken)
    {
        ushort channel;
        Task task;
        lock (_lock)
        {
            if (_channelsByPeer.TryGetValue(peer, out var existing))
            {
                channel = existing.Channel;
            }
            else
            {
                if (_nextChannel > ChannelData.MaxChannel)
                {
                    throw new TurnException(StunErrorCodes.InsufficientCapacity, "No channel numbers left.");
                }

                channel = _nextChannel++;
            }

            task = RequestAsync(StunMethod.ChannelBind,
                b => b.AddChannelNumber(channel).AddXorAddress(StunAttributeType.XorPeerAddress, peer), cancellationToken);
            _channelsByPeer[peer] = (channel, task, _time.GetTimestamp());
            _permissions[peer.Address] = (task, _time.GetTimestamp());

            // The server may relay ChannelData as soon as it processed the request, before its answer arrives.
            _peersByChannel[channel] = peer;
        }

        await task.ConfigureAwait(false);
        return channel;
    }

    /// <summary>True once a channel to the peer is bound and sends use ChannelData.</summary>
    public bool HasChannel(IPEndPoint peer)
    {
        lock (_lock)
        {
            return _channelsByPeer.TryGetValue(peer, out var bound) && bound.Task.IsCompletedSuccessfully;
        }
    }

    public ValueTask SendToAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remoteEndPoint, CancellationToken cancellationToken)
    {
        Task? permission;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_channelsByPeer.TryGetValue(remoteEndPoint, out var bound) && bound.Task.IsCompletedSuccessfully)
            {
                return SendChannelDataAsync(bound.Channel, datagram, cancellationToken);
            }

            permission = _permissions.TryGetValue(remoteEndPoint.Address, out var p) ? p.Task : null;
        }

        permission ??= CreatePermissionAsync(remoteEndPoint.Address, cancellationToken);
        return permission.IsCompletedSuccessfully
            ? SendIndicationAsync(datagram, remoteEndPoint, cancellationToken)
            : SendAfterPermissionAsync(permission, datagram, remoteEndPoint, cancellationToken);
    }

    public async ValueTask<DatagramReceived> ReceiveFromAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var (data, from) = await _received.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var n = Math.Min(data.Length, buffer.Length);
        data.AsSpan(0, n).CopyTo(buffer.Span);
        return new DatagramReceived(n, from);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _maintenance?.Dispose();
        }

        if (_relayed is not null)
        {
            // RFC 8656 §7: release the allocation with a zero-lifetime Refresh, sent once without waiting.
            await SendOnceAsync(StunMethod.Refresh, b => b.AddLifetime(TimeSpan.Zero)).ConfigureAwait(false);
        }

        await _cts.CancelAsync().ConfigureAwait(false);
        await _socket.DisposeAsync().ConfigureAwait(false);
        _received.Writer.TryComplete();
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(false);
        }

        _cts.Dispose();
    }

    private async ValueTask SendChannelDataAsync(ushort channel, ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken)
    {
        // The per-packet path once a channel is bound: a pooled buffer, no allocation.
        var length = ChannelData.GetEncodedLength(datagram.Length, pad: false);
        var frame = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            ChannelData.TryWrite(frame, channel, datagram.Span, pad: false, out _);
            await _socket.SendToAsync(frame.AsMemory(0, length), _server, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    private async ValueTask SendAfterPermissionAsync(Task permission, ReadOnlyMemory<byte> datagram, IPEndPoint peer, CancellationToken cancellationToken)
    {
        await permission.ConfigureAwait(false);
        await SendIndicationAsync(datagram, peer, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask SendIndicationAsync(ReadOnlyMemory<byte> datagram, IPEndPoint peer, CancellationToken cancellationToken)
    {
        // RFC 8656 §10.1: Send indication with XOR-PEER-ADDRESS and DATA; indications are not authenticated.
        var indication = new StunMessageBuilder(StunMethod.Send, StunClass.Indication)
            .AddXorAddress(StunAttributeType.XorPeerAddress, peer)
            .Add(StunAttributeType.Data, datagram.Span)
            .ToArray();
        return _socket.SendToAsync(indication, _server, cancellationToken);
    }

    private void SetLifetime(TimeSpan lifetime)
    {
        Lifetime = lifetime;
        _expiresAt = _time.GetTimestamp() + (long)(lifetime.TotalSeconds * _time.TimestampFrequency);
    }

    private async Task MaintainAsync()
    {
        List<IPAddress> permissions;
        List<IPEndPoint> channels;
        bool refreshAllocation;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetTimestamp();
            refreshAllocation = _time.GetElapsedTime(now, _expiresAt) < TimeSpan.FromSeconds(60);
            permissions = [.. _permissions.Where(p => _time.GetElapsedTime(p.Value.InstalledAt, now) >= PermissionRefresh).Select(p => p.Key)];
            channels = [.. _channelsByPeer.Where(c => _time.GetElapsedTime(c.Value.BoundAt, now) >= ChannelRefresh).Select(c => c.Key)];
        }

        try
        {
            var token = _cts.Token;
            if (refreshAllocation)
            {
                AutomaticRefreshes++;
                await RefreshAsync(Lifetime > TimeSpan.Zero ? Lifetime : TimeSpan.FromMinutes(10), token).ConfigureAwait(false);
            }

            foreach (var peer in channels)
            {
                await BindChannelAsync(peer, token).ConfigureAwait(false);
            }

            foreach (var peer in permissions.Where(p => !channels.Any(c => c.Address.Equals(p))))
            {
                await CreatePermissionAsync(peer, token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is TurnException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
