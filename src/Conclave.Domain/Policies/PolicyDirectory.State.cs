using Conclave.Domain.Common;
using Conclave.Domain.Policies.Assignment;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Policies;

public sealed partial class PolicyDirectory
{
    /// <summary>A copy of everything, for storage or export.</summary>
    public PolicyDirectoryState ToState()
    {
        lock (_gate)
        {
            var policies = PolicyTypes.All
                .SelectMany(t => _policies[t.Index].Values)
                .Select(p => new PolicyRecord(p.Type.Name, p.Identity.ToString(), p.Describe().ToDictionary(StringComparer.Ordinal)))
                .ToList();
            var groups = PolicyTypes.All
                .SelectMany(t => _assignments[t.Index].Groups.Select(g => new GroupAssignmentRecord(t.Name, g.GroupId, g.GroupName, g.Policy.Identity.ToString(), g.Rank)))
                .ToList();
            var defaults = PolicyTypes.All
                .Where(t => _assignments[t.Index].TenantDefault is not null)
                .Select(t => new TenantDefaultRecord(t.Name, _assignments[t.Index].TenantDefault!.Identity.ToString()))
                .ToList();
            var users = _users
                .Select(u => new UserPolicyRecord(
                    u.Key,
                    [.. u.Value.Groups.Select(_groups.IdOf)],
                    PolicyTypes.All.Where(t => u.Value.Direct[t.Index] is not null)
                        .ToDictionary(t => t.Name, t => u.Value.Direct[t.Index]!.Identity.ToString(), StringComparer.Ordinal),
                    u.Value.E2eeCalls))
                .ToList();
            return new PolicyDirectoryState(policies, groups, defaults, users);
        }
    }

    /// <summary>
    /// Rebuilds a directory from stored state through the same checks as the admin verbs, so a
    /// damaged or hand-edited store is refused with the first problem rather than half loaded.
    /// </summary>
    public static Result<PolicyDirectory> Load(PolicyDirectoryState state, TimeProvider time)
    {
        var directory = new PolicyDirectory(time);
        foreach (var record in state.Policies)
        {
            var type = PolicyTypes.Find(record.PolicyType);
            if (type is null)
            {
                return PolicyErrors.UnknownType(record.PolicyType);
            }

            var values = record.Values.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.OrdinalIgnoreCase);
            var id = PolicyIdentity.Parse(record.Identity);
            var result = id.IsSuccess && id.Value.IsGlobal
                ? directory.Set(type, record.Identity, values)
                : directory.New(type, record.Identity, values);
            if (!result.IsSuccess)
            {
                return result.Error;
            }
        }

        foreach (var record in state.TenantDefaults)
        {
            var result = WithType(record.PolicyType, t => directory.GrantToTenant(t, record.PolicyName));
            if (!result.IsSuccess)
            {
                return result.Error;
            }
        }

        foreach (var record in state.GroupAssignments.OrderBy(g => g.Rank))
        {
            var result = WithType(record.PolicyType, t => directory.GrantToGroup(t, record.GroupId, record.GroupName, record.PolicyName));
            if (!result.IsSuccess)
            {
                return result.Error;
            }
        }

        foreach (var user in state.Users)
        {
            directory.SetUserGroups(user.UserId, user.Groups);
            foreach (var (typeName, policyName) in user.DirectGrants)
            {
                var result = WithType(typeName, t => directory.GrantToUser(t, user.UserId, policyName));
                if (!result.IsSuccess)
                {
                    return result.Error;
                }
            }

            directory._users.GetOrAdd(user.UserId, _ => new UserPolicyState()).E2eeCalls = user.E2eeCalls;
        }

        return directory;
    }

    private static Result<PolicyChange> WithType(string typeName, Func<PolicyType, Result<PolicyChange>> action)
    {
        var type = PolicyTypes.Find(typeName);
        return type is null ? PolicyErrors.UnknownType(typeName) : action(type);
    }
}
