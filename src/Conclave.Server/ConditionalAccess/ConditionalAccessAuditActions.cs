namespace Conclave.Server.ConditionalAccess;

/// <summary>
/// Audit action names of conditional access: definition changes (committed with the change, before and after), device
/// compliance changes, and every refusal or report-only result of a request. Never a token.
/// </summary>
public static class ConditionalAccessAuditActions
{
    public const string LocationCreated = "access.location.create";
    public const string LocationUpdated = "access.location.update";
    public const string LocationRemoved = "access.location.remove";
    public const string PolicyCreated = "access.policy.create";
    public const string PolicyUpdated = "access.policy.update";
    public const string PolicyRemoved = "access.policy.remove";

    /// <summary>A device was marked compliant or not (by an administrator or a device-compliance app).</summary>
    public const string DeviceComplianceSet = "device.compliance.set";

    /// <summary>An access was refused by an enabled policy: the record names the policies and the failing control.</summary>
    public const string Denied = "access.denied";

    /// <summary>An access went through that report-only policies would have refused: the record names them and their controls.</summary>
    public const string ReportOnly = "access.report_only";
}
