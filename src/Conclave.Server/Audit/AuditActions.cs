namespace Conclave.Server.Audit;

/// <summary>Stable action names of the audit log.</summary>
public static class AuditActions
{
    public const string SignIn = "signin";
    public const string PasswordChange = "account.password.change";
    public const string MfaEnrollStart = "account.mfa.enroll";
    public const string MfaEnrolled = "account.mfa.confirm";
    public const string SessionRevoke = "account.session.revoke";
    public const string DeviceApproved = "device.approve";
    public const string AdminDenied = "admin.denied";
    public const string UserCreate = "admin.user.create";
    public const string UserUpdate = "admin.user.update";
    public const string GroupCreate = "admin.group.create";
    public const string GroupMemberAdd = "admin.group.member.add";
    public const string GroupMemberRemove = "admin.group.member.remove";
    public const string UserDelete = "admin.user.delete";
    public const string UserPasswordReset = "admin.user.password.reset";
    public const string UserAuthenticatorReset = "admin.user.mfa.reset";
    public const string UserSessionRevoke = "admin.user.session.revoke";
    public const string RoleGrant = "admin.role.grant";
    public const string RoleRevoke = "admin.role.revoke";
    public const string AppCreate = "admin.app.create";
    public const string AppUpdate = "admin.app.update";
    public const string AppDelete = "admin.app.delete";
    public const string AppSecretRotate = "admin.app.secret.rotate";
    public const string Bootstrap = "server.bootstrap";
    public const string BootstrapReset = "server.bootstrap.reset";
}
