using Conclave.Server.Networking;

namespace Conclave.Server.Relay;

/// <summary>
/// An allocation's permissions (RFC 8656 §9) and channel bindings (§12) as an immutable snapshot: the
/// per-packet path reads whichever snapshot is current without a lock, and the rare control requests
/// (CreatePermission, ChannelBind, the sweep) build a new one under the allocation's lock. Refreshing an
/// existing permission or binding only moves its expiry, which needs no new snapshot.
/// </summary>
internal sealed class PeerTables
{
    public static readonly PeerTables Empty = new([], [], []);

    public PeerTables(Dictionary<PeerAddress, PermissionExpiry> permissions, Dictionary<ushort, ChannelBinding> byNumber,
        Dictionary<PeerAddress, ChannelBinding> byPeer)
    {
        Permissions = permissions;
        ChannelsByNumber = byNumber;
        ChannelsByPeer = byPeer;
    }

    /// <summary>By peer IP address (port 0): permissions are per address, any port (§9).</summary>
    public Dictionary<PeerAddress, PermissionExpiry> Permissions { get; }

    public Dictionary<ushort, ChannelBinding> ChannelsByNumber { get; }

    public Dictionary<PeerAddress, ChannelBinding> ChannelsByPeer { get; }

    public bool IsPermitted(PeerAddress peer, long now) =>
        Permissions.TryGetValue(peer.WithoutPort, out var permission) && permission.ExpiresAt > now;
}

/// <summary>A permission's expiry timestamp, moved forward in place by a refresh.</summary>
internal sealed class PermissionExpiry(long expiresAt)
{
    private long _expiresAt = expiresAt;

    public long ExpiresAt
    {
        get => Volatile.Read(ref _expiresAt);
        set => Volatile.Write(ref _expiresAt, value);
    }
}
