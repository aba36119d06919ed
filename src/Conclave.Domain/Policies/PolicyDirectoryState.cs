namespace Conclave.Domain.Policies;

/// <summary>
/// Everything a <see cref="PolicyDirectory"/> holds, as plain records for storage: values are kept
/// as an administrator would type them, so loading runs them through the same validation.
/// </summary>
public sealed record PolicyDirectoryState(
    IReadOnlyList<PolicyRecord> Policies,
    IReadOnlyList<GroupAssignmentRecord> GroupAssignments,
    IReadOnlyList<TenantDefaultRecord> TenantDefaults,
    IReadOnlyList<UserPolicyRecord> Users);

/// <summary>One policy instance: its type name, identity (<c>Global</c> or <c>Tag:Name</c>) and values by parameter name.</summary>
public sealed record PolicyRecord(string PolicyType, string Identity, IReadOnlyDictionary<string, string> Values);

/// <summary>One group assignment; <see cref="Rank"/> 1 is the best.</summary>
public sealed record GroupAssignmentRecord(string PolicyType, Guid GroupId, string GroupName, string PolicyName, int Rank);

/// <summary>The policy granted with <c>-Global</c> for one type.</summary>
public sealed record TenantDefaultRecord(string PolicyType, string PolicyName);

/// <summary>One user's direct groups, direct grants (type name → policy name) and E2EE-calls setting.</summary>
public sealed record UserPolicyRecord(
    Guid UserId,
    IReadOnlyList<Guid> Groups,
    IReadOnlyDictionary<string, string> DirectGrants,
    Questions.E2eeUserSetting E2eeCalls);
