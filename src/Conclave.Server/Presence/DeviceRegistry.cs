namespace Conclave.Server.Presence;

/// <summary>
/// The devices connected to the call hub on this node, by connection and by user: the source of
/// <see cref="IPresence"/>. Registering a connection again replaces its device.
/// </summary>
public sealed class DeviceRegistry : IPresence
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RegisteredDevice> _byConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RegisteredDevice>> _byUser = new(StringComparer.Ordinal);

    public event EventHandler<PresenceChangedEventArgs>? Changed;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byConnection.Count;
            }
        }
    }

    public void Register(RegisteredDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        RegisteredDevice? replaced;
        int online;
        lock (_gate)
        {
            replaced = RemoveLocked(device.ConnectionId);
            if (!_byUser.TryGetValue(device.UserId, out var list))
            {
                list = [];
                _byUser[device.UserId] = list;
            }

            _byConnection[device.ConnectionId] = device;
            list.Add(device);
            online = list.Count;
        }

        if (replaced is not null && replaced.UserId != device.UserId)
        {
            Changed?.Invoke(this, new PresenceChangedEventArgs(replaced, deviceOnline: false, OnlineCount(replaced.UserId)));
        }

        Changed?.Invoke(this, new PresenceChangedEventArgs(device, deviceOnline: true, online));
    }

    public RegisteredDevice? Remove(string connectionId)
    {
        RegisteredDevice? device;
        int online;
        lock (_gate)
        {
            device = RemoveLocked(connectionId);
            if (device is null)
            {
                return null;
            }

            online = _byUser.TryGetValue(device.UserId, out var list) ? list.Count : 0;
        }

        Changed?.Invoke(this, new PresenceChangedEventArgs(device, deviceOnline: false, online));
        return device;
    }

    public RegisteredDevice? Find(string connectionId)
    {
        lock (_gate)
        {
            return _byConnection.GetValueOrDefault(connectionId);
        }
    }

    public IReadOnlyList<RegisteredDevice> DevicesOf(string userId)
    {
        lock (_gate)
        {
            return _byUser.TryGetValue(userId, out var list)
                ? [.. list.OrderBy(d => d.DeviceId, StringComparer.Ordinal)]
                : [];
        }
    }

    public bool IsOnline(string userId) => OnlineCount(userId) > 0;

    private int OnlineCount(string userId)
    {
        lock (_gate)
        {
            return _byUser.TryGetValue(userId, out var list) ? list.Count : 0;
        }
    }

    /// <summary>Drops the connection's device from both tables; under the lock.</summary>
    private RegisteredDevice? RemoveLocked(string connectionId)
    {
        if (!_byConnection.Remove(connectionId, out var device))
        {
            return null;
        }

        if (_byUser.TryGetValue(device.UserId, out var list))
        {
            list.Remove(device);
            if (list.Count == 0)
            {
                _byUser.Remove(device.UserId);
            }
        }

        return device;
    }
}
