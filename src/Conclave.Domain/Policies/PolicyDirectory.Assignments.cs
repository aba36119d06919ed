using System.Collections.Immutable;
using System.Globalization;
using Conclave.Domain.Common;
using Conclave.Domain.Policies.Assignment;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Policies;

public sealed partial class PolicyDirectory
{
    /// <summary>Teams: at most 64 group assignments per policy type.</summary>
    public const int MaxGroupAssignmentsPerType = 64;

    /// <summary>
    /// <c>Grant-Cs… -Identity &lt;user&gt; -PolicyName &lt;name&gt;</c>. A null name (or <c>Global</c>,
    /// which is what an unassigned user falls back to anyway) removes the direct grant.
    /// </summary>
    public Result<PolicyChange> GrantToUser(PolicyType type, Guid user, string? policyName)
    {
        lock (_gate)
        {
            var policy = FindGrantable(type, policyName);
            if (!policy.IsSuccess)
            {
                return policy.Error;
            }

            var state = _users.GetOrAdd(user, _ => new UserPolicyState());
            var before = state.Direct[type.Index];
            var direct = (Policy?[])state.Direct.Clone();
            direct[type.Index] = policy.Value;
            state.Direct = direct;
            return Change(PolicyChangeKind.UserGranted, type, $"user:{user}", Assigned(before), Assigned(policy.Value)) with { User = user };
        }
    }

    /// <summary>
    /// <c>Grant-Cs… -Group &lt;group&gt; -PolicyName &lt;name&gt; [-Rank n]</c>. Inserting at a rank moves
    /// that rank and the ones after it down by one; no rank (or one past the end) means last. A group
    /// already holding an assignment of this type gets the new policy, at the new rank if one is
    /// given, else at its old rank. A null name removes the group's assignment.
    /// </summary>
    public Result<PolicyChange> GrantToGroup(PolicyType type, Guid group, string groupName, string? policyName, int? rank = null)
    {
        if (rank is < 1)
        {
            return PolicyErrors.InvalidRank(rank.Value);
        }

        lock (_gate)
        {
            var policy = FindGrantable(type, policyName);
            if (!policy.IsSuccess)
            {
                return policy.Error;
            }

            if (policy.Value is null)
            {
                return RemoveGroupAssignmentLocked(type, group);
            }

            var current = _assignments[type.Index];
            var list = current.ToList();
            var existing = current.IndexOf(group);
            if (existing < 0 && list.Count >= MaxGroupAssignmentsPerType)
            {
                return PolicyErrors.TooManyGroupAssignments(type.Name, MaxGroupAssignmentsPerType);
            }

            var before = existing < 0 ? Empty : Assigned(current.Groups[existing]);
            if (existing >= 0)
            {
                list.RemoveAt(existing);
            }

            var index = rank is { } r ? Math.Min(r - 1, list.Count) : existing >= 0 ? existing : list.Count;
            list.Insert(index, (group, groupName, policy.Value));
            _groups.SetName(group, groupName);
            var next = TypeAssignments.Build(list, current.TenantDefault, _groups);
            Volatile.Write(ref _assignments[type.Index], next);
            return Change(PolicyChangeKind.GroupGranted, type, $"group:{group}", before, Assigned(next.Groups[index])) with { Group = group };
        }
    }

    /// <summary><c>Remove-CsGroupPolicyAssignment -GroupId -PolicyType</c>: later ranks move up by one.</summary>
    public Result<PolicyChange> RemoveGroupAssignment(PolicyType type, Guid group)
    {
        lock (_gate)
        {
            return RemoveGroupAssignmentLocked(type, group);
        }
    }

    /// <summary><c>Get-CsGroupPolicyAssignment</c>: the assignments of one type in rank order.</summary>
    public ImmutableArray<GroupAssignment> GetGroupAssignments(PolicyType type) => Volatile.Read(ref _assignments[type.Index]).Groups;

    /// <summary><c>Grant-Cs… -Global -PolicyName &lt;name&gt;</c>: the tenant default; null (or <c>Global</c>) clears it.</summary>
    public Result<PolicyChange> GrantToTenant(PolicyType type, string? policyName)
    {
        lock (_gate)
        {
            var policy = FindGrantable(type, policyName);
            if (!policy.IsSuccess)
            {
                return policy.Error;
            }

            var current = _assignments[type.Index];
            var next = TypeAssignments.Build(current.ToList(), policy.Value, _groups);
            Volatile.Write(ref _assignments[type.Index], next);
            return Change(PolicyChangeKind.TenantDefaultGranted, type, "tenant", Assigned(current.TenantDefault), Assigned(policy.Value));
        }
    }

    /// <summary>The tenant default of a type, or null when users fall back to <c>Global</c>.</summary>
    public Policy? GetTenantDefault(PolicyType type) => Volatile.Read(ref _assignments[type.Index]).TenantDefault;

    /// <summary>The policy granted directly to a user, or null.</summary>
    public Policy? GetDirect(PolicyType type, Guid user) =>
        _users.TryGetValue(user, out var state) ? state.Direct[type.Index] : null;

    /// <summary>Replaces a user's direct group memberships (nested groups do not count, as in Teams).</summary>
    public void SetUserGroups(Guid user, IEnumerable<Guid> groups)
    {
        lock (_gate)
        {
            var state = _users.GetOrAdd(user, _ => new UserPolicyState());
            state.Groups = [.. groups.Select(_groups.NumberOf).Distinct()];
        }
    }

    public void AddUserToGroup(Guid user, Guid group)
    {
        lock (_gate)
        {
            var state = _users.GetOrAdd(user, _ => new UserPolicyState());
            var number = _groups.NumberOf(group);
            if (!state.Groups.Contains(number))
            {
                state.Groups = [.. state.Groups, number];
            }
        }
    }

    public void RemoveUserFromGroup(Guid user, Guid group)
    {
        lock (_gate)
        {
            if (_users.TryGetValue(user, out var state) && _groups.TryGetNumber(group, out var number))
            {
                state.Groups = [.. state.Groups.Where(g => g != number)];
            }
        }
    }

    /// <summary>The user's direct groups as the directory knows them.</summary>
    public IReadOnlyList<Guid> GetUserGroups(Guid user)
    {
        lock (_gate)
        {
            return _users.TryGetValue(user, out var state) ? [.. state.Groups.Select(_groups.IdOf)] : [];
        }
    }

    /// <summary>A deleted user: grants, memberships and settings go with it.</summary>
    public void RemoveUser(Guid user)
    {
        lock (_gate)
        {
            _users.TryRemove(user, out _);
        }
    }

    /// <summary>A deleted group: its assignments of every type go (later ranks move up), and so do memberships.</summary>
    public IReadOnlyList<PolicyChange> RemoveGroup(Guid group)
    {
        lock (_gate)
        {
            var changes = new List<PolicyChange>();
            foreach (var type in PolicyTypes.All)
            {
                var removed = RemoveGroupAssignmentLocked(type, group);
                if (removed.IsSuccess)
                {
                    changes.Add(removed.Value);
                }
            }

            if (_groups.TryGetNumber(group, out var number))
            {
                foreach (var state in _users.Values)
                {
                    if (state.Groups.Contains(number))
                    {
                        state.Groups = [.. state.Groups.Where(g => g != number)];
                    }
                }
            }

            return changes;
        }
    }

    /// <summary>A renamed group: explanations show the new name.</summary>
    public void RenameGroup(Guid group, string name)
    {
        lock (_gate)
        {
            _groups.SetName(group, name);
            for (var i = 0; i < _assignments.Length; i++)
            {
                if (_assignments[i].IndexOf(group) >= 0)
                {
                    var list = _assignments[i].ToList().Select(a => a.Group == group ? (a.Group, name, a.Policy) : a).ToList();
                    Volatile.Write(ref _assignments[i], TypeAssignments.Build(list, _assignments[i].TenantDefault, _groups));
                }
            }
        }
    }

    private Result<PolicyChange> RemoveGroupAssignmentLocked(PolicyType type, Guid group)
    {
        var current = _assignments[type.Index];
        var index = current.IndexOf(group);
        if (index < 0)
        {
            return PolicyErrors.GroupAssignmentNotFound(type.Name, group);
        }

        var before = Assigned(current.Groups[index]);
        var list = current.ToList();
        list.RemoveAt(index);
        Volatile.Write(ref _assignments[type.Index], TypeAssignments.Build(list, current.TenantDefault, _groups));
        return Change(PolicyChangeKind.GroupAssignmentRemoved, type, $"group:{group}", before, Empty) with { Group = group };
    }

    /// <summary>Null for "unassign" (a null name or <c>Global</c>); an existing custom policy otherwise.</summary>
    private Result<Policy?> FindGrantable(PolicyType type, string? policyName)
    {
        if (!type.IsGrantable)
        {
            return PolicyErrors.NotSupported($"{type.Name} is tenant-wide and cannot be granted.");
        }

        if (string.IsNullOrWhiteSpace(policyName) || string.Equals(policyName.Trim(), "$null", StringComparison.OrdinalIgnoreCase))
        {
            return Result<Policy?>.Success(null);
        }

        var id = PolicyIdentity.Parse(policyName);
        if (!id.IsSuccess)
        {
            return id.Error;
        }

        if (id.Value.IsGlobal)
        {
            return Result<Policy?>.Success(null);
        }

        return _policies[type.Index].TryGetValue(id.Value, out var policy)
            ? Result<Policy?>.Success(policy)
            : PolicyErrors.NotFound(type.Name, id.Value);
    }

    private static ImmutableDictionary<string, string> Assigned(Policy? policy) =>
        policy is null ? Empty : ImmutableDictionary<string, string>.Empty.Add("PolicyName", policy.Identity.ToString());

    private static ImmutableDictionary<string, string> Assigned(GroupAssignment a) =>
        ImmutableDictionary<string, string>.Empty
            .Add("PolicyName", a.Policy.Identity.ToString())
            .Add("GroupName", a.GroupName)
            .Add("Rank", a.Rank.ToString(CultureInfo.InvariantCulture));
}
