namespace Conclave.Domain.Directory;

/// <summary>Who a participant is relative to the tenant; later policies branch on it.</summary>
public enum UserKind
{
    /// <summary>A full account of the tenant.</summary>
    Member,

    /// <summary>An invited outside person with an account in this tenant.</summary>
    Guest,

    /// <summary>A person from another (federated) organisation.</summary>
    Federated,

    /// <summary>Someone who joins a meeting by link without signing in.</summary>
    Anonymous,

    /// <summary>A caller on the public telephone network.</summary>
    Pstn,
}
