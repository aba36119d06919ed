using Conclave.Domain.Policies.Questions;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Policies.Assignment;

/// <summary>
/// What the directory knows of one user: direct grants per type, direct group memberships as
/// dense group numbers, and the user's own E2EE-calls setting. Arrays are replaced whole (never
/// edited in place) so lock-free readers see either the old or the new version.
/// </summary>
internal sealed class UserPolicyState
{
    private volatile int[] _groups = [];
    private volatile Policy?[] _direct = new Policy?[PolicyTypes.Count];
    private volatile int _e2eeCalls;

    public int[] Groups
    {
        get => _groups;
        set => _groups = value;
    }

    public Policy?[] Direct
    {
        get => _direct;
        set => _direct = value;
    }

    public E2eeUserSetting E2eeCalls
    {
        get => (E2eeUserSetting)_e2eeCalls;
        set => _e2eeCalls = (int)value;
    }
}
