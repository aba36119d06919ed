namespace Conclave.Server.Presence;

/// <summary>
/// Which of a user's devices are online on this node: a device is online while its call-hub connection is
/// open (it registered and has not disconnected). Calls ring these devices; chat and meetings ask the same.
/// </summary>
public interface IPresence
{
    /// <summary>Devices connected now, in all.</summary>
    int Count { get; }

    /// <summary>
    /// A device came online or went offline. Raised after the change, outside any lock, on the thread of the
    /// connection that changed; handlers must be quick and must not throw (the hub call waits for them).
    /// </summary>
    event EventHandler<PresenceChangedEventArgs>? Changed;

    /// <summary>The user's online devices, ordered by device id; empty when none.</summary>
    IReadOnlyList<RegisteredDevice> DevicesOf(string userId);

    /// <summary>Whether at least one of the user's devices is online.</summary>
    bool IsOnline(string userId);
}
