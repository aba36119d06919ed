using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Assignment;
using Conclave.Domain.Policies.Schema;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Domain.Tests.Policies;

public class ResolutionPerformanceTests
{
    /// <summary>The benchmark's shape: 64 group assignments per type, a user in 50 groups.</summary>
    private static (PolicyDirectory Directory, Guid User, Guid[] Groups) Build()
    {
        var directory = new PolicyDirectory(new FakeTimeProvider());
        var groups = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var type in PolicyTypes.All.Where(t => t.IsGrantable))
        {
            for (var i = 0; i < PolicyDirectory.MaxGroupAssignmentsPerType; i++)
            {
                PolicyWorld.Ok(directory.New(type, $"P{i}", new Dictionary<string, string?>()));
                PolicyWorld.Ok(directory.GrantToGroup(type, groups[i * 2], $"g{i * 2}", $"P{i}"));
            }
        }

        var user = Guid.NewGuid();
        directory.SetUserGroups(user, groups.Skip(101).Take(49).Append(groups[126]));
        return (directory, user, groups);
    }

    [Fact]
    public void Resolve_FiftyGroups_PicksBestRank()
    {
        var (directory, user, _) = Build();
        var effective = directory.Resolve(user, PolicyTypes.TeamsMeetingPolicy);
        Assert.Equal(PolicySource.Group, effective.Source);
        Assert.Equal(52, effective.Group!.Rank);
        Assert.Equal("Tag:P51", effective.Policy.Identity.ToString());
    }

    [Fact]
    public void Resolve_FromWarmState_AllocatesNothing()
    {
        var (directory, user, _) = Build();
        foreach (var type in PolicyTypes.All)
        {
            directory.Resolve(user, type);
        }

        _ = directory.E2ee.EffectiveE2eeCallSetting(user);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            foreach (var type in PolicyTypes.All)
            {
                directory.Resolve(user, type);
            }

            _ = directory.E2ee.EffectiveE2eeCallSetting(user);
            _ = directory.Compliance.IsUnderComplianceRecording(user);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task Resolve_WhileAssignmentsChange_AlwaysSeesAConsistentAnswer()
    {
        var (directory, user, groups) = Build();
        var type = PolicyTypes.TeamsEnhancedEncryptionPolicy;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested || reads < 1000)
            {
                var e = directory.Resolve(user, type);
                Assert.True(e.Source is PolicySource.Group or PolicySource.Direct, e.Explain());
                if (e.Source == PolicySource.Group)
                {
                    Assert.Equal(e.Group!.Policy, e.Policy);
                }

                reads++;
            }
        });

        for (var i = 0; i < 200; i++)
        {
            PolicyWorld.Ok(directory.GrantToGroup(type, groups[126], "moving", $"P{i % 64}", 1 + (i % 60)));
            PolicyWorld.Ok(directory.GrantToUser(type, user, i % 2 == 0 ? "P3" : null));
        }

        await stop.CancelAsync();
        await reader;
    }
}
