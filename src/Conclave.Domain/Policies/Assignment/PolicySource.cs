namespace Conclave.Domain.Policies.Assignment;

/// <summary>Where a user's effective policy of one type comes from, in order of precedence.</summary>
public enum PolicySource
{
    /// <summary>Granted to the user with <c>-Identity</c>.</summary>
    Direct,

    /// <summary>The best-ranked group assignment among the user's direct group memberships.</summary>
    Group,

    /// <summary>Granted to the whole tenant with <c>-Global</c>.</summary>
    TenantDefault,

    /// <summary>The type's built-in <c>Global</c> policy.</summary>
    Global,
}
