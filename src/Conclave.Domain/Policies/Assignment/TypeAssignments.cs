using System.Collections.Immutable;

namespace Conclave.Domain.Policies.Assignment;

/// <summary>
/// The group assignments and tenant default of one policy type, immutable and replaced whole on
/// each change so that resolution reads it without locks. <see cref="RankByGroup"/> is indexed by
/// the directory's dense group number (0 = no assignment), so finding the best rank among a user's
/// groups is one array read per group.
/// </summary>
internal sealed class TypeAssignments
{
    public static readonly TypeAssignments Empty = new([], null, 0);

    public TypeAssignments(ImmutableArray<GroupAssignment> groups, Policy? tenantDefault, int groupCapacity)
    {
        Groups = groups;
        TenantDefault = tenantDefault;
        RankByGroup = new int[groupCapacity];
    }

    /// <summary>Ordered by rank: <c>Groups[r - 1].Rank == r</c>.</summary>
    public ImmutableArray<GroupAssignment> Groups { get; }

    public Policy? TenantDefault { get; }

    public int[] RankByGroup { get; }

    public static TypeAssignments Build(IReadOnlyList<(Guid Group, string Name, Policy Policy)> ordered, Policy? tenantDefault, GroupTable groups)
    {
        var list = ImmutableArray.CreateBuilder<GroupAssignment>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            list.Add(new GroupAssignment(ordered[i].Group, ordered[i].Name, ordered[i].Policy, i + 1));
        }

        // Number every group first so the rank table is large enough for all of them.
        var numbers = list.Select(a => groups.NumberOf(a.GroupId)).ToArray();
        var result = new TypeAssignments(list.MoveToImmutable(), tenantDefault, groups.Count);
        for (var i = 0; i < numbers.Length; i++)
        {
            result.RankByGroup[numbers[i]] = i + 1;
        }

        return result;
    }

    public int IndexOf(Guid group)
    {
        for (var i = 0; i < Groups.Length; i++)
        {
            if (Groups[i].GroupId == group)
            {
                return i;
            }
        }

        return -1;
    }

    public List<(Guid Group, string Name, Policy Policy)> ToList() =>
        [.. Groups.Select(g => (g.GroupId, g.GroupName, g.Policy))];
}
