namespace Conclave.Contracts.Errors;

public static partial class ErrorCodes
{
    /// <summary>The policy engine: Teams-style policies, their grants and group assignments.</summary>
    public static class Policy
    {
        public const string InvalidValue = "policy.invalid_value";
        public const string UnknownParameter = "policy.unknown_parameter";
        public const string UnknownType = "policy.unknown_type";
        public const string InvalidIdentity = "policy.invalid_identity";
        public const string Exists = "policy.exists";
        public const string NotFound = "policy.not_found";
        public const string InUse = "policy.in_use";
        public const string NotSupported = "policy.not_supported";
        public const string InvalidRank = "policy.invalid_rank";
        public const string TooManyGroupAssignments = "policy.too_many_group_assignments";
        public const string GroupAssignmentNotFound = "policy.group_assignment_not_found";
        public const string SettingLocked = "policy.setting_locked";
        public const string InvalidGrant = "policy.invalid_grant";

        public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
        [
            new(InvalidValue, "400: the value does not fit the parameter (type, range or allowed values)."),
            new(UnknownParameter, "400: the policy type has no parameter of this name."),
            new(UnknownType, "400: not a policy type."),
            new(InvalidIdentity, "400: not a valid policy identity (Global, Tag:Name or a bare name)."),
            new(Exists, "409: a policy of this type and identity exists already."),
            new(NotFound, "404: there is no policy of this type and identity."),
            new(InUse, "409: the policy is still assigned (to users, groups or as the tenant default): unassign it first."),
            new(NotSupported, "400: the change is not supported for this policy (e.g. removing Global)."),
            new(InvalidRank, "400: group assignment ranks start at 1."),
            new(TooManyGroupAssignments, "409: the policy type has the most group assignments allowed."),
            new(GroupAssignmentNotFound, "404: the group has no assignment of this policy type."),
            new(SettingLocked, "403: the effective policy does not let the user change this setting."),
            new(InvalidGrant, "400: a grant names a user, a group or the tenant, not several."),
        ];
    }
}
