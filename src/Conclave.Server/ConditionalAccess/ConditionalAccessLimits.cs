namespace Conclave.Server.ConditionalAccess;

/// <summary>How much an organisation may define (Entra's limits where it has them).</summary>
public static class ConditionalAccessLimits
{
    /// <summary>Entra: at most 195 conditional access policies per tenant.</summary>
    public const int MaxPolicies = 195;

    /// <summary>Entra: at most 195 named locations per tenant.</summary>
    public const int MaxLocations = 195;

    /// <summary>The most users, groups or locations one list of a policy names.</summary>
    public const int MaxListLength = 100;

    /// <summary>How long a request path trusts a user's group memberships and a device's compliance read from the database.</summary>
    public static readonly TimeSpan ContextCacheLifetime = TimeSpan.FromSeconds(30);
}
