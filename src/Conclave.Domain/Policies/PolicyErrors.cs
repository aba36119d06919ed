using System.Globalization;
using Conclave.Domain.Common;

namespace Conclave.Domain.Policies;

/// <summary>The policy engine's refusals, each with a stable code clients may branch on.</summary>
public static class PolicyErrors
{
    public const string InvalidValueCode = "policy.invalid_value";
    public const string UnknownParameterCode = "policy.unknown_parameter";
    public const string UnknownTypeCode = "policy.unknown_type";
    public const string InvalidIdentityCode = "policy.invalid_identity";
    public const string ExistsCode = "policy.exists";
    public const string NotFoundCode = "policy.not_found";
    public const string InUseCode = "policy.in_use";
    public const string NotSupportedCode = "policy.not_supported";
    public const string InvalidRankCode = "policy.invalid_rank";
    public const string TooManyGroupAssignmentsCode = "policy.too_many_group_assignments";
    public const string GroupAssignmentNotFoundCode = "policy.group_assignment_not_found";
    public const string SettingLockedCode = "policy.setting_locked";

    public static Error InvalidValue(string parameter, string message) => new(InvalidValueCode, message);

    public static Error UnknownParameter(string type, string parameter) => new(
        UnknownParameterCode,
        $"A parameter cannot be found that matches parameter name '{parameter}' for {type}.");

    public static Error UnknownType(string type) => new(UnknownTypeCode, $"'{type}' is not a policy type.");

    public static Error InvalidIdentity(string identity, string why) => new(
        InvalidIdentityCode, $"'{identity}' is not a valid policy identity: {why}");

    public static Error Exists(string type, PolicyIdentity identity) => new(
        ExistsCode, $"{type} '{identity}' already exists.", ErrorKind.Conflict);

    public static Error NotFound(string type, PolicyIdentity identity) => new(
        NotFoundCode, $"{type} '{identity}' was not found.", ErrorKind.NotFound);

    public static Error InUse(string type, PolicyIdentity identity, int users, int groups, bool tenantDefault) => new(
        InUseCode,
        string.Create(
            CultureInfo.InvariantCulture,
            $"{type} '{identity}' is assigned ({users} user(s) directly, {groups} group assignment(s){(tenantDefault ? ", the tenant default" : string.Empty)}); unassign it first."),
        ErrorKind.Conflict);

    public static Error NotSupported(string message) => new(NotSupportedCode, message);

    public static Error InvalidRank(int rank) => new(
        InvalidRankCode, string.Create(CultureInfo.InvariantCulture, $"Rank {rank} is not valid; ranks start at 1."));

    public static Error TooManyGroupAssignments(string type, int max) => new(
        TooManyGroupAssignmentsCode,
        string.Create(CultureInfo.InvariantCulture, $"{type} already has {max} group assignments, the most allowed."),
        ErrorKind.Conflict);

    public static Error GroupAssignmentNotFound(string type, Guid group) => new(
        GroupAssignmentNotFoundCode, $"Group {group} has no {type} assignment.", ErrorKind.NotFound);

    public static Error SettingLocked(string why) => new(SettingLockedCode, why, ErrorKind.Forbidden);
}
