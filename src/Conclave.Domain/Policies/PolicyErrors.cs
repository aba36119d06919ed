using System.Globalization;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.Policies;

/// <summary>The policy engine's refusals, each with a stable code clients may branch on.</summary>
public static class PolicyErrors
{
    public static Error InvalidValue(string parameter, string message) => new(ErrorCodes.Policy.InvalidValue, message);

    public static Error UnknownParameter(string type, string parameter) => new(
        ErrorCodes.Policy.UnknownParameter,
        $"A parameter cannot be found that matches parameter name '{parameter}' for {type}.");

    public static Error UnknownType(string type) => new(ErrorCodes.Policy.UnknownType, $"'{type}' is not a policy type.");

    public static Error InvalidIdentity(string identity, string why) => new(
        ErrorCodes.Policy.InvalidIdentity, $"'{identity}' is not a valid policy identity: {why}");

    public static Error Exists(string type, PolicyIdentity identity) => new(
        ErrorCodes.Policy.Exists, $"{type} '{identity}' already exists.", ErrorKind.Conflict);

    public static Error NotFound(string type, PolicyIdentity identity) => new(
        ErrorCodes.Policy.NotFound, $"{type} '{identity}' was not found.", ErrorKind.NotFound);

    public static Error InUse(string type, PolicyIdentity identity, int users, int groups, bool tenantDefault) => new(
        ErrorCodes.Policy.InUse,
        string.Create(
            CultureInfo.InvariantCulture,
            $"{type} '{identity}' is assigned ({users} user(s) directly, {groups} group assignment(s){(tenantDefault ? ", the tenant default" : string.Empty)}); unassign it first."),
        ErrorKind.Conflict);

    public static Error NotSupported(string message) => new(ErrorCodes.Policy.NotSupported, message);

    public static Error InvalidRank(int rank) => new(
        ErrorCodes.Policy.InvalidRank, string.Create(CultureInfo.InvariantCulture, $"Rank {rank} is not valid; ranks start at 1."));

    public static Error TooManyGroupAssignments(string type, int max) => new(
        ErrorCodes.Policy.TooManyGroupAssignments,
        string.Create(CultureInfo.InvariantCulture, $"{type} already has {max} group assignments, the most allowed."),
        ErrorKind.Conflict);

    public static Error GroupAssignmentNotFound(string type, Guid group) => new(
        ErrorCodes.Policy.GroupAssignmentNotFound, $"Group {group} has no {type} assignment.", ErrorKind.NotFound);

    public static Error SettingLocked(string why) => new(ErrorCodes.Policy.SettingLocked, why, ErrorKind.Forbidden);
}
