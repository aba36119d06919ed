using Conclave.Domain.Policies.Assignment;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Policies;

/// <summary>One type's effective policy for a user, explained, with every value.</summary>
public sealed record EffectivePolicyExplanation(
    string PolicyType, string Source, string PolicyIdentity, IReadOnlyList<KeyValuePair<string, string>> Values);

public sealed partial class PolicyDirectory
{
    /// <summary>
    /// The policy of <paramref name="type"/> that applies to <paramref name="user"/>: a direct grant,
    /// else the best-ranked assignment among the user's direct groups, else the tenant default, else
    /// <c>Global</c>. Lock-free and allocation-free: one dictionary lookup for the user, then one
    /// array read per group membership.
    /// </summary>
    public EffectivePolicy Resolve(Guid user, PolicyType type)
    {
        var index = type.Index;
        var assignments = Volatile.Read(ref _assignments[index]);
        if (type.IsGrantable && _users.TryGetValue(user, out var state))
        {
            var direct = state.Direct[index];
            if (direct is not null)
            {
                return new EffectivePolicy(direct, PolicySource.Direct);
            }

            var ranks = assignments.RankByGroup;
            var best = int.MaxValue;
            foreach (var group in state.Groups)
            {
                if ((uint)group < (uint)ranks.Length)
                {
                    var rank = ranks[group];
                    if (rank != 0 && rank < best)
                    {
                        best = rank;
                    }
                }
            }

            if (best != int.MaxValue)
            {
                var winner = assignments.Groups[best - 1];
                return new EffectivePolicy(winner.Policy, PolicySource.Group, winner);
            }
        }

        return assignments.TenantDefault is { } tenantDefault
            ? new EffectivePolicy(tenantDefault, PolicySource.TenantDefault)
            : new EffectivePolicy(_global[index], PolicySource.Global);
    }

    /// <summary><c>Get-CsEffectivePolicy -Identity &lt;user&gt;</c>: every type, its source and every value.</summary>
    public IReadOnlyList<EffectivePolicyExplanation> Explain(Guid user) =>
        [.. PolicyTypes.All.Select(t => Explain(user, t))];

    public EffectivePolicyExplanation Explain(Guid user, PolicyType type)
    {
        var effective = Resolve(user, type);
        return new EffectivePolicyExplanation(type.Name, effective.Explain(), effective.Policy.Identity.ToString(), effective.Policy.Describe());
    }

    /// <summary>
    /// The users whose effective policy a change may have altered, for pushing it to their devices:
    /// the user of a direct grant or setting, the members of a group, or every known user.
    /// </summary>
    public IReadOnlyList<Guid> UsersAffectedBy(PolicyChange change)
    {
        if (change.User is { } user)
        {
            return [user];
        }

        lock (_gate)
        {
            if (change.Group is { } group)
            {
                return _groups.TryGetNumber(group, out var number)
                    ? [.. _users.Where(u => u.Value.Groups.Contains(number)).Select(u => u.Key)]
                    : [];
            }

            return [.. _users.Keys];
        }
    }
}
