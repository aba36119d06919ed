namespace Conclave.Server.Presence;

/// <summary>One device of <see cref="RegisteredDevice.UserId"/> came online or went offline.</summary>
public sealed class PresenceChangedEventArgs(RegisteredDevice device, bool deviceOnline, int onlineDevices) : EventArgs
{
    public RegisteredDevice Device { get; } = device;

    /// <summary>True when the device came online, false when it went offline.</summary>
    public bool DeviceOnline { get; } = deviceOnline;

    /// <summary>The user's devices online right after this change (0: the user went offline).</summary>
    public int OnlineDevices { get; } = onlineDevices;
}
