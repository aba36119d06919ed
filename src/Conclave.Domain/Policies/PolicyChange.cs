using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Policies;

/// <summary>What a change did.</summary>
public enum PolicyChangeKind
{
    PolicyCreated,
    PolicyUpdated,
    PolicyRemoved,

    /// <summary><c>Remove</c> on <c>Global</c> (or a tenant configuration): values back to defaults.</summary>
    PolicyReset,
    UserGranted,
    GroupGranted,
    GroupAssignmentRemoved,
    TenantDefaultGranted,
    UserE2eeCallSettingChanged,
}

/// <summary>
/// One accepted change, with the state before and after as name/value pairs, for the audit log
/// (the server adds who and from where), for persistence (<see cref="After"/> is the touched
/// entity's full new state) and for pushing the new effective policy to connected clients.
/// </summary>
public sealed record PolicyChange(
    PolicyChangeKind Kind,
    PolicyType Type,
    string Target,
    IReadOnlyDictionary<string, string> Before,
    IReadOnlyDictionary<string, string> After,
    DateTimeOffset At)
{
    /// <summary>The user a direct grant or setting concerns.</summary>
    public Guid? User { get; init; }

    /// <summary>The group a group assignment concerns.</summary>
    public Guid? Group { get; init; }

    /// <summary>The policy created, updated, removed or reset.</summary>
    public PolicyIdentity? Policy { get; init; }
}
