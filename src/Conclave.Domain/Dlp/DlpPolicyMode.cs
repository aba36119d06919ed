namespace Conclave.Domain.Dlp;

/// <summary>Purview's policy modes: whether a policy's actions are enforced, or only tried out.</summary>
public enum DlpPolicyMode
{
    /// <summary>Actions and policy tips take effect (Purview's default for a new policy).</summary>
    Enable,

    /// <summary>Nothing is blocked; matches are audited and the sender sees the policy tip.</summary>
    TestWithNotifications,

    /// <summary>Nothing is blocked and nobody is told; matches are audited.</summary>
    TestWithoutNotifications,

    /// <summary>The policy is not evaluated.</summary>
    Disable,
}
