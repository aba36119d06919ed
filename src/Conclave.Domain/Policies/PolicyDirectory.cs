using System.Collections.Concurrent;
using System.Collections.Immutable;
using Conclave.Domain.Common;
using Conclave.Domain.Policies.Assignment;
using Conclave.Domain.Policies.Questions;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Policies;

/// <summary>
/// One tenant's policies: every policy instance, every grant (user, group with rank, tenant
/// default), users' group memberships and per-user settings. The aggregate the server persists
/// (<see cref="IPolicyStore"/>) and asks questions of. Changes are serialised by one lock and return
/// a <see cref="PolicyChange"/> for audit; resolution reads immutable snapshots without locks.
/// A refused change leaves everything as it was.
/// </summary>
public sealed partial class PolicyDirectory
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<PolicyIdentity, Policy>[] _policies;
    private readonly Policy[] _global;
    private readonly TypeAssignments[] _assignments;
    private readonly ConcurrentDictionary<Guid, UserPolicyState> _users = new();
    private readonly GroupTable _groups = new();

    public PolicyDirectory(TimeProvider time)
    {
        _time = time;
        _policies = new Dictionary<PolicyIdentity, Policy>[PolicyTypes.Count];
        _global = new Policy[PolicyTypes.Count];
        _assignments = new TypeAssignments[PolicyTypes.Count];
        foreach (var type in PolicyTypes.All)
        {
            _global[type.Index] = new Policy(type, PolicyIdentity.Global, type.Defaults);
            _policies[type.Index] = new() { [PolicyIdentity.Global] = _global[type.Index] };
            _assignments[type.Index] = TypeAssignments.Empty;
        }

        E2ee = new E2eeQuestions(this);
        Compliance = new ComplianceRecordingQuestions(this);
        Meetings = new MeetingQuestions(this);
        Federation = new FederationQuestions(this);
        Guests = new GuestQuestions(this);
    }

    /// <summary>E2EE questions for calls and meetings, and the user's E2EE-calls setting.</summary>
    public E2eeQuestions E2ee { get; }

    public ComplianceRecordingQuestions Compliance { get; }

    public MeetingQuestions Meetings { get; }

    public FederationQuestions Federation { get; }

    public GuestQuestions Guests { get; }

    /// <summary><c>Get-Cs…</c> without an identity: every policy of the type, <c>Global</c> first.</summary>
    public IReadOnlyList<Policy> GetAll(PolicyType type)
    {
        lock (_gate)
        {
            return [.. _policies[type.Index].Values.OrderBy(p => p.Identity.IsGlobal ? 0 : 1).ThenBy(p => p.Identity.Name, StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary><c>Get-Cs… -Identity</c>.</summary>
    public Result<Policy> Get(PolicyType type, string identity)
    {
        var id = PolicyIdentity.Parse(identity);
        if (!id.IsSuccess)
        {
            return id.Error;
        }

        lock (_gate)
        {
            return _policies[type.Index].TryGetValue(id.Value, out var p) ? p : PolicyErrors.NotFound(type.Name, id.Value);
        }
    }

    /// <summary><c>New-Cs… -Identity Tag:Name [-Param Value …]</c>: a custom policy from the defaults plus the given values.</summary>
    public Result<PolicyChange> New(PolicyType type, string identity, IReadOnlyDictionary<string, string?> parameters)
    {
        if (!type.IsGrantable)
        {
            return PolicyErrors.NotSupported($"{type.Name} is tenant-wide: it has only Global; use Set-{type.CmdletNoun}.");
        }

        var id = PolicyIdentity.Parse(identity);
        if (!id.IsSuccess)
        {
            return id.Error;
        }

        if (id.Value.IsGlobal)
        {
            return PolicyErrors.Exists(type.Name, id.Value);
        }

        var values = Bind(type, type.Defaults, parameters);
        if (!values.IsSuccess)
        {
            return values.Error;
        }

        lock (_gate)
        {
            if (_policies[type.Index].ContainsKey(id.Value))
            {
                return PolicyErrors.Exists(type.Name, id.Value);
            }

            var policy = new Policy(type, id.Value, values.Value);
            _policies[type.Index].Add(id.Value, policy);
            return Change(PolicyChangeKind.PolicyCreated, type, id.Value.ToString(), Empty, Snapshot(policy)) with { Policy = id.Value };
        }
    }

    /// <summary><c>Set-Cs… -Identity X -Param Value …</c>: all values are checked before any is applied.</summary>
    public Result<PolicyChange> Set(PolicyType type, string identity, IReadOnlyDictionary<string, string?> parameters)
    {
        var id = PolicyIdentity.Parse(identity);
        if (!id.IsSuccess)
        {
            return id.Error;
        }

        lock (_gate)
        {
            if (!_policies[type.Index].TryGetValue(id.Value, out var policy))
            {
                return PolicyErrors.NotFound(type.Name, id.Value);
            }

            var values = Bind(type, policy.Values, parameters);
            if (!values.IsSuccess)
            {
                return values.Error;
            }

            var before = Snapshot(policy);
            policy.Replace(values.Value);
            return Change(PolicyChangeKind.PolicyUpdated, type, id.Value.ToString(), before, Snapshot(policy)) with { Policy = id.Value };
        }
    }

    /// <summary>
    /// <c>Remove-Cs…</c>. On <c>Global</c> (and on tenant configurations) it resets every value to its
    /// default. A custom policy that is still granted (to a user, a group or the tenant) is refused
    /// with <c>policy.in_use</c>: unassign it first, so no user's effective policy changes unseen.
    /// </summary>
    public Result<PolicyChange> Remove(PolicyType type, string identity)
    {
        var id = PolicyIdentity.Parse(identity);
        if (!id.IsSuccess)
        {
            return id.Error;
        }

        lock (_gate)
        {
            if (!_policies[type.Index].TryGetValue(id.Value, out var policy))
            {
                return PolicyErrors.NotFound(type.Name, id.Value);
            }

            var before = Snapshot(policy);
            if (id.Value.IsGlobal)
            {
                policy.Replace(type.Defaults);
                return Change(PolicyChangeKind.PolicyReset, type, id.Value.ToString(), before, Snapshot(policy)) with { Policy = id.Value };
            }

            var users = _users.Values.Count(u => ReferenceEquals(u.Direct[type.Index], policy));
            var assignments = _assignments[type.Index];
            var groups = assignments.Groups.Count(g => ReferenceEquals(g.Policy, policy));
            var tenant = ReferenceEquals(assignments.TenantDefault, policy);
            if (users > 0 || groups > 0 || tenant)
            {
                return PolicyErrors.InUse(type.Name, id.Value, users, groups, tenant);
            }

            _policies[type.Index].Remove(id.Value);
            return Change(PolicyChangeKind.PolicyRemoved, type, id.Value.ToString(), before, Empty) with { Policy = id.Value };
        }
    }

    /// <summary>Binds named inputs onto <paramref name="current"/>; the first unknown name or bad value refuses all.</summary>
    private static Result<ImmutableArray<PolicyValue>> Bind(
        PolicyType type, ImmutableArray<PolicyValue> current, IReadOnlyDictionary<string, string?> parameters)
    {
        var values = current.ToBuilder();
        foreach (var (name, input) in parameters)
        {
            var parameter = type.FindParameter(name.TrimStart('-'));
            if (parameter is null)
            {
                return PolicyErrors.UnknownParameter(type.Name, name);
            }

            if (!parameter.TryParse(input, out var value, out var error))
            {
                return error!;
            }

            values[parameter.Index] = value;
        }

        return values.MoveToImmutable();
    }

    private static readonly ImmutableDictionary<string, string> Empty = ImmutableDictionary<string, string>.Empty;

    private static ImmutableDictionary<string, string> Snapshot(Policy policy) =>
        ImmutableDictionary.CreateRange(StringComparer.Ordinal, policy.Describe().Prepend(KeyValuePair.Create("Identity", policy.Identity.ToString())));

    private PolicyChange Change(
        PolicyChangeKind kind, PolicyType type, string target, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        new(kind, type, target, before, after, _time.GetUtcNow());
}
