using BenchmarkDotNet.Attributes;
using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Benchmarks.Policies;

/// <summary>
/// The domain's share of a Global change reaching 1,000 connected users: apply the change, find
/// the affected users, and answer each one's new effective E2EE-calls setting (what the server
/// then pushes). Each user is in 50 groups; 64 group assignments exist but none holds these
/// users, so every one of them falls through to Global.
/// </summary>
[MemoryDiagnoser]
public class PolicyChangeFanOutBenchmarks
{
    private static readonly string[] Modes = ["DisabledUserOverride", "EnabledUserOverride"];
    private readonly Dictionary<string, string?> _input = new() { ["CallingEndtoEndEncryptionEnabledType"] = null };
    private PolicyDirectory _directory = null!;
    private int _flip;

    [Params(1000)]
    public int Users { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = new PolicyDirectory(TimeProvider.System);
        var groups = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();
        var type = PolicyTypes.TeamsEnhancedEncryptionPolicy;
        for (var i = 0; i < PolicyDirectory.MaxGroupAssignmentsPerType; i++)
        {
            _directory.New(type, $"P{i}", new Dictionary<string, string?>());
            _directory.GrantToGroup(type, groups[i], $"g{i}", $"P{i}");
        }

        for (var u = 0; u < Users; u++)
        {
            _directory.SetUserGroups(Guid.NewGuid(), groups.Skip(100 + (u % 50)).Take(50));
        }
    }

    [Benchmark(Description = "Set Global + answer 1,000 users")]
    public int GlobalChangeToThousandUsers()
    {
        _input["CallingEndtoEndEncryptionEnabledType"] = Modes[_flip++ & 1];
        var change = _directory.Set(PolicyTypes.TeamsEnhancedEncryptionPolicy, "Global", _input).Value;
        var on = 0;
        foreach (var user in _directory.UsersAffectedBy(change))
        {
            if (_directory.E2ee.EffectiveE2eeCallSetting(user).On)
            {
                on++;
            }
        }

        return on;
    }
}
