using BenchmarkDotNet.Attributes;
using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Questions;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Benchmarks.Policies;

/// <summary>
/// Effective-policy resolution for a user in 50 groups, with 64 group assignments (the most
/// allowed) on every grantable type, a tenant default and no direct grant, so every resolution
/// scans all 50 memberships. Goal: under 5 µs and 0 bytes per resolution.
/// </summary>
[MemoryDiagnoser]
public class PolicyResolutionBenchmarks
{
    private PolicyDirectory _directory = null!;
    private Guid _user;

    [GlobalSetup]
    public void Setup()
    {
        _directory = new PolicyDirectory(TimeProvider.System);
        var groups = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToArray();
        var none = new Dictionary<string, string?>();
        foreach (var type in PolicyTypes.All.Where(t => t.IsGrantable))
        {
            for (var i = 0; i < PolicyDirectory.MaxGroupAssignmentsPerType; i++)
            {
                Check(_directory.New(type, $"P{i}", none).IsSuccess);
                Check(_directory.GrantToGroup(type, groups[i * 5], $"group-{i}", $"P{i}").IsSuccess);
            }

            Check(_directory.GrantToTenant(type, "P0").IsSuccess);
        }

        Check(_directory.Set(PolicyTypes.TeamsEnhancedEncryptionPolicy, "Tag:P40", new Dictionary<string, string?>
        {
            ["CallingEndtoEndEncryptionEnabledType"] = "EnabledUserOverride",
        }).IsSuccess);

        // 50 direct memberships: 49 without any assignment, one holding rank 41 of every type.
        _user = Guid.NewGuid();
        _directory.SetUserGroups(_user, groups.Skip(321).Take(49).Append(groups[200]));
        Check(_directory.Resolve(_user, PolicyTypes.TeamsMeetingPolicy).Group?.Rank == 41);
    }

    [Benchmark(Baseline = true, Description = "Resolve one type (50 groups, 64 assignments)")]
    public Policy ResolveOneType() => _directory.Resolve(_user, PolicyTypes.TeamsMeetingPolicy).Policy;

    [Benchmark(Description = "Resolve all 8 types")]
    public int ResolveAllTypes()
    {
        var sum = 0;
        foreach (var type in PolicyTypes.All)
        {
            sum += (int)_directory.Resolve(_user, type).Source;
        }

        return sum;
    }

    [Benchmark(Description = "EffectiveE2eeCallSetting (encryption + compliance)")]
    public E2eeSettingAnswer EffectiveE2eeCallSetting() => _directory.E2ee.EffectiveE2eeCallSetting(_user);

    [Benchmark(Description = "Explain all types (Get-CsEffectivePolicy)")]
    public int Explain() => _directory.Explain(_user).Count;

    private static void Check(bool ok)
    {
        if (!ok)
        {
            throw new InvalidOperationException("benchmark setup failed");
        }
    }
}
