using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Domain.ConditionalAccess;
using Conclave.Server.Audit;
using Conclave.Server.Http;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.ConditionalAccess;

public sealed partial class ConditionalAccessAdminService
{
    public async Task<IReadOnlyList<ConditionalAccessPolicyView>> PoliciesAsync(CancellationToken cancellationToken)
    {
        var views = new List<ConditionalAccessPolicyView>();
        foreach (var policy in await db.ConditionalAccessPolicies.AsNoTracking().OrderBy(p => p.Key).ToListAsync(cancellationToken))
        {
            views.Add(await ViewAsync(policy, cancellationToken));
        }

        return views;
    }

    public async Task<Result<ConditionalAccessPolicyView>> PolicyAsync(string name, CancellationToken cancellationToken)
    {
        var policy = await db.ConditionalAccessPolicies.AsNoTracking()
            .FirstOrDefaultAsync(p => p.Key == ConditionalAccessPolicyRecord.KeyOf(name), cancellationToken);
        return policy is null ? NotFound("conditional access policy", name) : await ViewAsync(policy, cancellationToken);
    }

    public async Task<Result<ConditionalAccessPolicyView>> CreatePolicyAsync(
        AdminActor actor, ConditionalAccessGate.Access caller, NewConditionalAccessPolicyRequest request, CancellationToken cancellationToken)
    {
        var name = AccessNames.Validate(request.Name, "conditional access policy");
        if (!name.IsSuccess)
        {
            return name.Error;
        }

        // Entra suggests report-only for a new policy: its effect shows in the audit log before it is enforced.
        var state = request.State is null ? ConditionalAccessPolicyState.ReportOnly : ConditionalAccessParameters.State(request.State);
        if (!state.IsSuccess)
        {
            return state.Error;
        }

        var conditions = await ResolveAsync(
            new Given(request.IncludeUsers, request.IncludeGroups, request.ExcludeUsers, request.ExcludeGroups, request.Applications,
                request.IncludeLocations, request.ExcludeLocations, request.GrantControls),
            null, cancellationToken);
        if (!conditions.IsSuccess)
        {
            return conditions.Error;
        }

        var now = time.GetUtcNow();
        var record = new ConditionalAccessPolicyRecord
        {
            Key = ConditionalAccessPolicyRecord.KeyOf(name.Value),
            Name = name.Value,
            State = state.Value,
            ConditionsJson = ConditionalAccessParameters.Serialize(conditions.Value),
            CreatedAt = now,
            ModifiedAt = now,
        };
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        if (await db.ConditionalAccessPolicies.AnyAsync(p => p.Key == record.Key, cancellationToken))
        {
            return Exists("conditional access policy", record.Name);
        }

        if (await db.ConditionalAccessPolicies.CountAsync(cancellationToken) >= ConditionalAccessLimits.MaxPolicies)
        {
            return new Error(
                ErrorCodes.Access.InvalidValue, $"An organisation may have at most {ConditionalAccessLimits.MaxPolicies} conditional access policies.", ErrorKind.Conflict);
        }

        if (await LocksOutWithAsync(record, caller, cancellationToken) is { } lockout)
        {
            return lockout;
        }

        db.ConditionalAccessPolicies.Add(record);
        var view = await ViewAsync(record, cancellationToken);
        await change.CommitAsync(Entry(ConditionalAccessAuditActions.PolicyCreated, actor, record.Name, null, view), cancellationToken);
        source.Invalidate();
        return view;
    }

    public async Task<Result<ConditionalAccessPolicyView>> UpdatePolicyAsync(
        AdminActor actor, ConditionalAccessGate.Access caller, string name, UpdateConditionalAccessPolicyRequest request, CancellationToken cancellationToken)
    {
        var state = request.State is null ? Result<ConditionalAccessPolicyState>.Success(default) : ConditionalAccessParameters.State(request.State);
        if (!state.IsSuccess)
        {
            return state.Error;
        }

        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var record = await db.ConditionalAccessPolicies.FirstOrDefaultAsync(p => p.Key == ConditionalAccessPolicyRecord.KeyOf(name), cancellationToken);
        if (record is null)
        {
            return NotFound("conditional access policy", name);
        }

        var conditions = await ResolveAsync(
            new Given(request.IncludeUsers, request.IncludeGroups, request.ExcludeUsers, request.ExcludeGroups, request.Applications,
                request.IncludeLocations, request.ExcludeLocations, request.GrantControls),
            ConditionalAccessParameters.Conditions(record), cancellationToken);
        if (!conditions.IsSuccess)
        {
            return conditions.Error;
        }

        var before = await ViewAsync(record, cancellationToken);
        record.State = request.State is null ? record.State : state.Value;
        record.ConditionsJson = ConditionalAccessParameters.Serialize(conditions.Value);
        record.ModifiedAt = time.GetUtcNow();
        if (await LocksOutWithAsync(record, caller, cancellationToken) is { } lockout)
        {
            return lockout;
        }

        var after = await ViewAsync(record, cancellationToken);
        await change.CommitAsync(Entry(ConditionalAccessAuditActions.PolicyUpdated, actor, record.Name, before, after), cancellationToken);
        source.Invalidate();
        return after;
    }

    public async Task<Error?> RemovePolicyAsync(AdminActor actor, string name, CancellationToken cancellationToken)
    {
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var record = await db.ConditionalAccessPolicies.FirstOrDefaultAsync(p => p.Key == ConditionalAccessPolicyRecord.KeyOf(name), cancellationToken);
        if (record is null)
        {
            return NotFound("conditional access policy", name);
        }

        var before = await ViewAsync(record, cancellationToken);
        db.ConditionalAccessPolicies.Remove(record);
        await change.CommitAsync(Entry(ConditionalAccessAuditActions.PolicyRemoved, actor, record.Name, before, null), cancellationToken);
        source.Invalidate();
        return null;
    }

    private async Task<Error?> LocksOutWithAsync(ConditionalAccessPolicyRecord changed, ConditionalAccessGate.Access caller, CancellationToken cancellationToken)
    {
        var current = await ConditionalAccessPolicySource.LoadAsync(db, null, cancellationToken);
        var policies = current.Policies.Where(p => !string.Equals(p.Name, changed.Name, StringComparison.OrdinalIgnoreCase))
            .Append(ConditionalAccessParameters.Compile(changed));
        return await LocksOutAsync(new ConditionalAccessPolicySet(policies, current.Locations.Values), caller, cancellationToken);
    }

    private sealed record Given(
        IReadOnlyList<string>? IncludeUsers,
        IReadOnlyList<string>? IncludeGroups,
        IReadOnlyList<string>? ExcludeUsers,
        IReadOnlyList<string>? ExcludeGroups,
        IReadOnlyList<string>? Applications,
        IReadOnlyList<string>? IncludeLocations,
        IReadOnlyList<string>? ExcludeLocations,
        IReadOnlyList<string>? GrantControls);

    /// <summary>The stored conditions of what is given over <paramref name="current"/> (null on creation): names resolved to ids.</summary>
    private async Task<Result<StoredConditions>> ResolveAsync(Given given, StoredConditions? current, CancellationToken cancellationToken)
    {
        var includeAll = current?.IncludeAllUsers ?? false;
        var includeUsers = current?.IncludeUsers ?? [];
        if (given.IncludeUsers is not null)
        {
            includeAll = given.IncludeUsers.Any(u => string.Equals(u?.Trim(), ConditionalAccessParameters.All, StringComparison.OrdinalIgnoreCase));
            if (includeAll && given.IncludeUsers.Count > 1)
            {
                return ConditionalAccessParameters.Invalid("IncludeUsers", string.Join(',', given.IncludeUsers), "All alone, or UPNs");
            }

            var users = includeAll ? Result<string[]>.Success([]) : await UsersAsync("IncludeUsers", given.IncludeUsers, cancellationToken);
            if (!users.IsSuccess)
            {
                return users.Error;
            }

            includeUsers = users.Value;
        }

        var includeGroups = await GroupsOrCurrentAsync("IncludeGroups", given.IncludeGroups, current?.IncludeGroups, cancellationToken);
        var excludeUsers = given.ExcludeUsers is null ? Result<string[]>.Success(current?.ExcludeUsers ?? []) : await UsersAsync("ExcludeUsers", given.ExcludeUsers, cancellationToken);
        var excludeGroups = await GroupsOrCurrentAsync("ExcludeGroups", given.ExcludeGroups, current?.ExcludeGroups, cancellationToken);
        var applications = given.Applications is null && current is not null ? current.Applications : ConditionalAccessParameters.Applications(given.Applications);
        var grant = given.GrantControls is null && current is not null ? current.GrantControls : ConditionalAccessParameters.GrantControls(given.GrantControls);
        var includeLocations = given.IncludeLocations is null && current is not null
            ? current.IncludeLocations
            : await LocationsAsync("IncludeLocations", given.IncludeLocations, allowAll: true, cancellationToken);
        var excludeLocations = given.ExcludeLocations is null ? Result<string[]>.Success(current?.ExcludeLocations ?? [])
            : await LocationsAsync("ExcludeLocations", given.ExcludeLocations, allowAll: false, cancellationToken);
        foreach (var error in new[] { includeGroups.Error, excludeUsers.Error, excludeGroups.Error, applications.Error, grant.Error, includeLocations.Error, excludeLocations.Error })
        {
            if (error is not null)
            {
                return error;
            }
        }

        if (!includeAll && includeUsers.Length == 0 && includeGroups.Value.Length == 0)
        {
            return ConditionalAccessParameters.Invalid("IncludeUsers", null, "All, or at least one user or group (IncludeGroups)");
        }

        return new StoredConditions(
            includeAll, includeUsers, includeGroups.Value, excludeUsers.Value, excludeGroups.Value, applications.Value, includeLocations.Value,
            excludeLocations.Value, grant.Value);
    }

    private async Task<Result<string[]>> UsersAsync(string parameter, IReadOnlyList<string> given, CancellationToken cancellationToken)
    {
        if (given.Count > ConditionalAccessLimits.MaxListLength)
        {
            return ConditionalAccessParameters.Invalid(parameter, $"({given.Count} entries)", $"at most {ConditionalAccessLimits.MaxListLength} users");
        }

        var ids = new List<string>();
        foreach (var value in given)
        {
            var text = value?.Trim() ?? "";
            var normalized = text.ToUpperInvariant();
            var id = text.Length == 0 ? null : await db.Users.AsNoTracking()
                .Where(u => u.Id == text || u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
            if (id is null)
            {
                return new Error(ErrorCodes.Access.UnknownUser, $"{parameter}: no user is named '{ConditionalAccessParameters.Shown(value)}'.");
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids.ToArray();
    }

    private async Task<Result<string[]>> GroupsOrCurrentAsync(string parameter, IReadOnlyList<string>? given, string[]? current, CancellationToken cancellationToken)
    {
        if (given is null)
        {
            return current ?? [];
        }

        if (given.Count > ConditionalAccessLimits.MaxListLength)
        {
            return ConditionalAccessParameters.Invalid(parameter, $"({given.Count} entries)", $"at most {ConditionalAccessLimits.MaxListLength} groups");
        }

        var ids = new List<string>();
        foreach (var value in given)
        {
            var text = value?.Trim() ?? "";
            var id = text.Length == 0 ? null : await db.Groups.AsNoTracking()
                .Where(g => g.Id == text || g.Name == text).Select(g => g.Id).FirstOrDefaultAsync(cancellationToken);
            if (id is null)
            {
                return new Error(ErrorCodes.Access.UnknownGroup, $"{parameter}: no group is named '{ConditionalAccessParameters.Shown(value)}'.");
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids.ToArray();
    }

    /// <summary><c>All</c> (inclusion only) or <c>AllTrusted</c> alone, or named locations by their stored names. No value: All for an inclusion.</summary>
    private async Task<Result<string[]>> LocationsAsync(string parameter, IReadOnlyList<string>? given, bool allowAll, CancellationToken cancellationToken)
    {
        if (given is null || given.Count == 0)
        {
            return allowAll ? new[] { ConditionalAccessParameters.All } : [];
        }

        if (given.Count > ConditionalAccessLimits.MaxListLength)
        {
            return ConditionalAccessParameters.Invalid(parameter, $"({given.Count} entries)", $"at most {ConditionalAccessLimits.MaxListLength} locations");
        }

        var special = given.Select(g => g?.Trim()).FirstOrDefault(g =>
            (allowAll && string.Equals(g, ConditionalAccessParameters.All, StringComparison.OrdinalIgnoreCase))
            || string.Equals(g, ConditionalAccessParameters.AllTrusted, StringComparison.OrdinalIgnoreCase));
        if (special is not null)
        {
            return given.Count == 1
                ? new[] { string.Equals(special, ConditionalAccessParameters.All, StringComparison.OrdinalIgnoreCase) ? ConditionalAccessParameters.All : ConditionalAccessParameters.AllTrusted }
                : ConditionalAccessParameters.Invalid(parameter, string.Join(',', given), $"{special} alone, or named locations");
        }

        var names = new List<string>();
        foreach (var value in given)
        {
            var key = NamedLocationRecord.KeyOf(value ?? "");
            var stored = await db.NamedLocations.AsNoTracking().Where(l => l.Key == key).Select(l => l.Name).FirstOrDefaultAsync(cancellationToken);
            if (stored is null)
            {
                return new Error(ErrorCodes.Access.UnknownLocation, $"{parameter}: no named location is named '{ConditionalAccessParameters.Shown(value)}'.");
            }

            if (!names.Contains(stored))
            {
                names.Add(stored);
            }
        }

        return names.ToArray();
    }

    private async Task<ConditionalAccessPolicyView> ViewAsync(ConditionalAccessPolicyRecord record, CancellationToken cancellationToken)
    {
        var c = ConditionalAccessParameters.Conditions(record);
        var userIds = c.IncludeUsers.Concat(c.ExcludeUsers).Distinct().ToList();
        var groupIds = c.IncludeGroups.Concat(c.ExcludeGroups).Distinct().ToList();
        var upns = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, cancellationToken);
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        string[] Users(string[] ids) => [.. ids.Select(id => upns.GetValueOrDefault(id, id))];
        string[] Groups(string[] ids) => [.. ids.Select(id => groups.GetValueOrDefault(id, id))];
        return new ConditionalAccessPolicyView(
            record.Name, record.State.ToString(), c.IncludeAllUsers ? [ConditionalAccessParameters.All] : Users(c.IncludeUsers), Groups(c.IncludeGroups),
            Users(c.ExcludeUsers), Groups(c.ExcludeGroups), c.Applications, c.IncludeLocations, c.ExcludeLocations, c.GrantControls,
            record.CreatedAt, record.ModifiedAt);
    }
}
