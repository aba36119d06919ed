namespace Conclave.Contracts.Errors;

public static partial class ErrorCodes
{
    /// <summary>Directory changes: users, groups, roles, app registrations.</summary>
    public static class Directory
    {
        public const string InsufficientPrivilege = "directory.insufficient_privilege";
        public const string ConcurrentChange = "directory.concurrent_change";
        public const string InvalidRole = "directory.invalid_role";
        public const string InvalidGroupName = "directory.invalid_group_name";
        public const string InvalidMailNickname = "directory.invalid_mail_nickname";
        public const string InvalidDomain = "directory.invalid_domain";
        public const string InvalidUpn = "directory.invalid_upn";
        public const string InvalidKind = "directory.invalid_kind";
        public const string InvalidDisplayName = "directory.invalid_display_name";
        public const string UserExists = "directory.user_exists";
        public const string GroupExists = "directory.group_exists";
        public const string UnknownUser = "directory.unknown_user";
        public const string UnknownGroup = "directory.unknown_group";
        public const string SelfAction = "directory.self_action";
        public const string LastGlobalAdministrator = "directory.last_global_administrator";
        public const string KindWithoutAccount = "directory.kind_without_account";
        public const string RoleRequiresMember = "directory.role_requires_member";

        public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
        [
            new(InsufficientPrivilege, "403: the account holds, or the change would grant, a role the acting administrator does not hold."),
            new(ConcurrentChange, "409: another request changed the account between this one's read and its write: read it again and retry."),
            new(InvalidRole, "400: not one of the admin roles (GlobalAdministrator, TeamsAdministrator, ComplianceAdministrator)."),
            new(InvalidGroupName, "400: a group name must be non-empty, printable and of bounded length."),
            new(InvalidMailNickname, "400: a mail nickname uses letters, digits and . _ - only."),
            new(InvalidDomain, "400: not a valid DNS domain name."),
            new(InvalidUpn, "400: a user principal name has the form name@domain."),
            new(InvalidKind, "400: not one of the user kinds (Member, Guest, Federated, Anonymous, Pstn)."),
            new(InvalidDisplayName, "400: a display name must be non-empty, printable and of bounded length."),
            new(UserExists, "409: a user with this UPN exists already."),
            new(GroupExists, "409: a group with this name exists already."),
            new(UnknownUser, "404: there is no such user."),
            new(UnknownGroup, "404: there is no such group."),
            new(SelfAction, "400: an administrator cannot remove their own account or reset their own password or authenticator through the admin API (a person changes their own password with POST /api/account/password)."),
            new(LastGlobalAdministrator, "409: the change would leave the tenant without an enabled Global administrator."),
            new(KindWithoutAccount, "400: an account cannot become Anonymous or Pstn: those participants never hold an account (a user's kind is Member, Guest or Federated)."),
            new(RoleRequiresMember, "409: the user holds an admin role, and admin roles are for members: revoke the roles before making the user a guest or federated user."),
        ];
    }
}
