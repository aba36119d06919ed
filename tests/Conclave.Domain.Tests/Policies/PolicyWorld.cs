using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Schema;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Domain.Tests.Policies;

/// <summary>A tenant with custom encryption policies A–E, four named groups and one user, for precedence cases.</summary>
public sealed class PolicyWorld
{
    public static readonly PolicyType Type = PolicyTypes.TeamsEnhancedEncryptionPolicy;

    public PolicyWorld()
    {
        Directory = new PolicyDirectory(Time);
        foreach (var name in new[] { "A", "B", "C", "D", "E" })
        {
            Ok(Directory.New(Type, "Tag:" + name, NoParameters));
        }
    }

    public static IReadOnlyDictionary<string, string?> NoParameters { get; } = new Dictionary<string, string?>();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public PolicyDirectory Directory { get; }

    public Guid User { get; } = Guid.NewGuid();

    public Guid G1 { get; } = Guid.NewGuid();

    public Guid G2 { get; } = Guid.NewGuid();

    public Guid G3 { get; } = Guid.NewGuid();

    public Guid G4 { get; } = Guid.NewGuid();

    public string NameOf(Guid group) =>
        group == G1 ? "G1" : group == G2 ? "G2" : group == G3 ? "G3" : group == G4 ? "G4" : group.ToString();

    public void Direct(string? policy) => Ok(Directory.GrantToUser(Type, User, policy));

    public void Group(Guid group, string? policy, int? rank = null) => Ok(Directory.GrantToGroup(Type, group, NameOf(group), policy, rank));

    public void Tenant(string? policy) => Ok(Directory.GrantToTenant(Type, policy));

    public void Member(params Guid[] groups) => Directory.SetUserGroups(User, groups);

    public string Source => Directory.Resolve(User, Type).Explain();

    public string Ranks => string.Join(",", Directory.GetGroupAssignments(Type).Select(a => $"{NameOf(a.GroupId)}={a.Rank}:{a.Policy.Identity.Name}"));

    public static T Ok<T>(Common.Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }
}
