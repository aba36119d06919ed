using System.Collections.Concurrent;

namespace Conclave.Server.Calls;

/// <summary>The devices connected to the call hub on this node, by connection and by user.</summary>
public sealed class DeviceRegistry
{
    private readonly ConcurrentDictionary<string, RegisteredDevice> _byConnection = new(StringComparer.Ordinal);

    public void Register(RegisteredDevice device) => _byConnection[device.ConnectionId] = device;

    public RegisteredDevice? Remove(string connectionId) => _byConnection.TryRemove(connectionId, out var device) ? device : null;

    public RegisteredDevice? Find(string connectionId) => _byConnection.GetValueOrDefault(connectionId);

    public IReadOnlyList<RegisteredDevice> DevicesOf(string userId) =>
        [.. _byConnection.Values.Where(d => d.UserId == userId).OrderBy(d => d.DeviceId, StringComparer.Ordinal)];

    public int Count => _byConnection.Count;
}
