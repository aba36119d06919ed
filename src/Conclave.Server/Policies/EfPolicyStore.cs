using System.Text.Json;
using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Questions;
using Conclave.Server.Audit;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Policies;

/// <summary>
/// Keeps the policy directory in the policy tables (both providers, one model). Each change
/// writes only what it touched, and its audit record in the same transaction; group memberships
/// are read from the directory's own tables.
/// </summary>
internal sealed class EfPolicyStore(ConclaveDbContext db) : IPolicyStore
{
    public async Task<PolicyDirectoryState> LoadAsync(CancellationToken cancellationToken)
    {
        var policies = await db.Set<PolicyInstanceRow>().AsNoTracking().ToListAsync(cancellationToken);
        var groups = await db.Set<PolicyGroupAssignmentRow>().AsNoTracking().ToListAsync(cancellationToken);
        var defaults = await db.Set<PolicyTenantDefaultRow>().AsNoTracking().ToListAsync(cancellationToken);
        var grants = await db.Set<PolicyUserGrantRow>().AsNoTracking().ToListAsync(cancellationToken);
        var settings = await db.Set<PolicyUserSettingRow>().AsNoTracking().ToListAsync(cancellationToken);
        var memberships = await db.GroupMemberships.AsNoTracking().Select(m => new { m.UserId, m.GroupId }).ToListAsync(cancellationToken);

        var users = new Dictionary<Guid, (List<Guid> Groups, Dictionary<string, string> Grants, E2eeUserSetting Setting)>();
        (List<Guid> Groups, Dictionary<string, string> Grants, E2eeUserSetting Setting) UserOf(Guid id)
        {
            if (!users.TryGetValue(id, out var u))
            {
                u = ([], new Dictionary<string, string>(StringComparer.Ordinal), E2eeUserSetting.Unset);
                users[id] = u;
            }

            return u;
        }

        foreach (var m in memberships)
        {
            if (PolicyIds.TryUser(m.UserId, out var user) && PolicyIds.TryGroup(m.GroupId, out var group))
            {
                UserOf(user).Groups.Add(group);
            }
        }

        foreach (var g in grants)
        {
            if (PolicyIds.TryUser(g.UserId, out var user))
            {
                UserOf(user).Grants[g.PolicyType] = g.PolicyName;
            }
        }

        foreach (var s in settings)
        {
            if (PolicyIds.TryUser(s.UserId, out var user) && Enum.TryParse<E2eeUserSetting>(s.E2eeCalls, out var value))
            {
                var u = UserOf(user);
                users[user] = (u.Groups, u.Grants, value);
            }
        }

        return new PolicyDirectoryState(
            [.. policies.Select(p => new PolicyRecord(p.PolicyType, p.Identity, JsonSerializer.Deserialize<Dictionary<string, string>>(p.ValuesJson) ?? []))],
            [.. groups.Where(g => PolicyIds.TryGroup(g.GroupId, out _))
                .Select(g => new GroupAssignmentRecord(g.PolicyType, Guid.ParseExact(g.GroupId, "N"), g.GroupName, g.PolicyName, g.Rank))],
            [.. defaults.Select(d => new TenantDefaultRecord(d.PolicyType, d.PolicyName))],
            [.. users.Select(u => new UserPolicyRecord(u.Key, u.Value.Groups, u.Value.Grants, u.Value.Setting))]);
    }

    /// <summary>A change with no actor: recorded as <see cref="PolicyAudit.BySystem"/>.</summary>
    Task IPolicyStore.SaveAsync(PolicyChange change, PolicyDirectory directory, CancellationToken cancellationToken) =>
        SaveAsync(change, directory, PolicyAudit.BySystem(change), cancellationToken);

    /// <summary>Saves the change and its audit record in one transaction: both are stored, or neither.</summary>
    public async Task SaveAsync(PolicyChange change, PolicyDirectory directory, AuditEntry audit, CancellationToken cancellationToken)
    {
        var type = change.Type.Name;
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        db.AuditRecords.Add(AuditRecord.From(audit, change.At));
        switch (change.Kind)
        {
            case PolicyChangeKind.PolicyCreated or PolicyChangeKind.PolicyUpdated:
                var identity = change.Policy!.Value.ToString();
                var values = change.After.Where(kv => kv.Key != "Identity").ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
                var row = await db.Set<PolicyInstanceRow>().FindAsync([type, identity], cancellationToken);
                if (row is null)
                {
                    db.Add(new PolicyInstanceRow { PolicyType = type, Identity = identity, ValuesJson = JsonSerializer.Serialize(values) });
                }
                else
                {
                    row.ValuesJson = JsonSerializer.Serialize(values);
                }

                break;
            case PolicyChangeKind.PolicyRemoved or PolicyChangeKind.PolicyReset:
                var id = change.Policy!.Value.ToString();
                await db.Set<PolicyInstanceRow>().Where(p => p.PolicyType == type && p.Identity == id).ExecuteDeleteAsync(cancellationToken);
                break;
            case PolicyChangeKind.GroupGranted or PolicyChangeKind.GroupAssignmentRemoved:
                // Ranks renumber: the type's whole list is rewritten.
                await db.Set<PolicyGroupAssignmentRow>().Where(p => p.PolicyType == type).ExecuteDeleteAsync(cancellationToken);
                foreach (var a in directory.GetGroupAssignments(change.Type))
                {
                    db.Add(new PolicyGroupAssignmentRow
                    {
                        PolicyType = type,
                        GroupId = PolicyIds.Group(a.GroupId),
                        GroupName = a.GroupName,
                        PolicyName = a.Policy.Identity.ToString(),
                        Rank = a.Rank,
                    });
                }

                break;
            case PolicyChangeKind.TenantDefaultGranted:
                await db.Set<PolicyTenantDefaultRow>().Where(p => p.PolicyType == type).ExecuteDeleteAsync(cancellationToken);
                if (directory.GetTenantDefault(change.Type) is { } tenantDefault)
                {
                    db.Add(new PolicyTenantDefaultRow { PolicyType = type, PolicyName = tenantDefault.Identity.ToString() });
                }

                break;
            case PolicyChangeKind.UserGranted:
                var user = PolicyIds.User(change.User!.Value);
                await db.Set<PolicyUserGrantRow>().Where(p => p.UserId == user && p.PolicyType == type).ExecuteDeleteAsync(cancellationToken);
                if (directory.GetDirect(change.Type, change.User.Value) is { } direct)
                {
                    db.Add(new PolicyUserGrantRow { UserId = user, PolicyType = type, PolicyName = direct.Identity.ToString() });
                }

                break;
            case PolicyChangeKind.UserE2eeCallSettingChanged:
                var settingUser = PolicyIds.User(change.User!.Value);
                await db.Set<PolicyUserSettingRow>().Where(p => p.UserId == settingUser).ExecuteDeleteAsync(cancellationToken);
                var setting = directory.GetE2eeCallSetting(change.User.Value);
                if (setting != E2eeUserSetting.Unset)
                {
                    db.Add(new PolicyUserSettingRow { UserId = settingUser, E2eeCalls = setting.ToString() });
                }

                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
