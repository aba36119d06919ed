namespace Conclave.Server.Auth;

/// <summary>Audit actions of the device verification page beside <see cref="Audit.AuditActions.DeviceApproved"/>.</summary>
public static class DeviceAuditActions
{
    /// <summary>A signed-in person refused a device's sign-in request.</summary>
    public const string DeviceDenied = "device.deny";
}
