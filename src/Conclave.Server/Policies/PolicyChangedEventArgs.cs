using Conclave.Domain.Policies;

namespace Conclave.Server.Policies;

/// <summary>
/// A saved policy change (or a membership change) and the users whose effective policy it may have changed (server user
/// ids), raised by <see cref="PolicyService.Changed"/> for pushing to connected devices.
/// </summary>
public sealed class PolicyChangedEventArgs(PolicyChange? change, IReadOnlyList<string> userIds, bool everyone) : EventArgs
{
    /// <summary>The change, or null when only the users' group memberships changed.</summary>
    public PolicyChange? Change { get; } = change;

    /// <summary>The affected users when the change names them (a user, or a group's members).</summary>
    public IReadOnlyList<string> UserIds { get; } = userIds;

    /// <summary>True when any user may be affected (a policy's values, the tenant default).</summary>
    public bool Everyone { get; } = everyone;

    public bool Concerns(string userId) => Everyone || UserIds.Contains(userId, StringComparer.Ordinal);
}
