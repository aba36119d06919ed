using System.Collections.Immutable;
using Conclave.Domain.Policies.Assignment;
using Conclave.Domain.Policies.Questions;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Policies;

public sealed partial class PolicyDirectory
{
    /// <summary>The user's stored E2EE-calls switch (whether or not the policy honours it now).</summary>
    public E2eeUserSetting GetE2eeCallSetting(Guid user) =>
        _users.TryGetValue(user, out var state) ? state.E2eeCalls : E2eeUserSetting.Unset;

    internal PolicyChange StoreE2eeCallSetting(Guid user, E2eeUserSetting setting)
    {
        lock (_gate)
        {
            var state = _users.GetOrAdd(user, _ => new UserPolicyState());
            var before = state.E2eeCalls;
            state.E2eeCalls = setting;
            return Change(
                PolicyChangeKind.UserE2eeCallSettingChanged,
                PolicyTypes.TeamsEnhancedEncryptionPolicy,
                $"user:{user}",
                Setting(before),
                Setting(setting)) with
            { User = user };
        }
    }

    private static ImmutableDictionary<string, string> Setting(E2eeUserSetting value) =>
        ImmutableDictionary<string, string>.Empty.Add("E2eeCalls", value.ToString());
}
