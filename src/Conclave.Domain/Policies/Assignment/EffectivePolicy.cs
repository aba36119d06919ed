using System.Globalization;

namespace Conclave.Domain.Policies.Assignment;

/// <summary>
/// The policy of one type that applies to a user and why. A struct: resolving allocates nothing;
/// only <see cref="Explain"/> builds text.
/// </summary>
public readonly struct EffectivePolicy
{
    internal EffectivePolicy(Policy policy, PolicySource source, GroupAssignment? group = null)
    {
        Policy = policy;
        Source = source;
        Group = group;
    }

    public Policy Policy { get; }

    public PolicySource Source { get; }

    /// <summary>The winning group assignment when <see cref="Source"/> is <see cref="PolicySource.Group"/>.</summary>
    public GroupAssignment? Group { get; }

    /// <summary><c>Direct: Tag:X</c>, <c>Group: Finance (rank 1): Tag:Y</c>, <c>TenantDefault: Tag:Z</c> or <c>Global</c>.</summary>
    public string Explain() => Source switch
    {
        PolicySource.Direct => $"Direct: {Policy.Identity}",
        PolicySource.Group => string.Create(CultureInfo.InvariantCulture, $"Group: {Group!.GroupName} (rank {Group.Rank}): {Policy.Identity}"),
        PolicySource.TenantDefault => $"TenantDefault: {Policy.Identity}",
        _ => "Global",
    };

    public override string ToString() => Explain();
}
