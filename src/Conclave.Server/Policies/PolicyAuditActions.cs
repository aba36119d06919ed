namespace Conclave.Server.Policies;

/// <summary>Audit action names of policy changes.</summary>
public static class PolicyAuditActions
{
    public const string New = "admin.policy.new";
    public const string Set = "admin.policy.set";
    public const string Remove = "admin.policy.remove";
    public const string Reset = "admin.policy.reset";
    public const string Grant = "admin.policy.grant";
    public const string GroupAssignmentRemove = "admin.policy.group_assignment.remove";
    public const string E2eeCallSetting = "policy.setting.e2ee_calls";
}
