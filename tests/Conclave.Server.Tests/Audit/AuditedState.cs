using System.Text.Json;
using Conclave.Server.Audit;
using Conclave.Server.Policies;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Tests.Audit;

/// <summary>
/// Compares the changes of <see cref="AdminChangeLoad"/> that are in force with the audit log: each
/// must have its record (the record naming exactly that value), and each creation record its object.
/// </summary>
public sealed record AuditedState(int ChangesInForce, int AuditRecords, IReadOnlyList<string> Missing, IReadOnlyList<string> Orphans)
{
    private static readonly string[] Actions =
        ["admin.policy.new", "admin.policy.set", "admin.user.create", "admin.user.update", "admin.role.grant", "admin.group.create", "admin.group.member.add", "admin.app.create"];

    public override string ToString() =>
        $"changes in force {ChangesInForce}, audit records {AuditRecords}, missing {Missing.Count}, records without their change {Orphans.Count}"
        + string.Concat(Missing.Take(20).Select(m => "\n  missing: " + m)) + string.Concat(Orphans.Take(20).Select(o => "\n  orphan: " + o));

    public static async Task<AuditedState> ReadAsync(ConclaveDbContext db)
    {
        var records = (await db.AuditRecords.AsNoTracking()
                .Where(r => Actions.Contains(r.Action) && r.Outcome == AuditOutcome.Success)
                .Select(r => new { r.Action, r.Target, r.Details })
                .ToListAsync())
            .Select(r => (r.Action, Target: r.Target ?? "", Details: r.Details is null ? default : JsonDocument.Parse(r.Details).RootElement.Clone()))
            .Where(r => r.Action == "admin.app.create"
                ? After(r.Details, "displayName")?.StartsWith("dur", StringComparison.Ordinal) == true
                : r.Target.Contains("dur", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var index = records.ToLookup(r => (r.Action, r.Target));
        var missing = new List<string>();
        var orphans = new List<string>();
        var inForce = 0;

        void Expect(string action, string target, Func<JsonElement, bool> names, string what)
        {
            inForce++;
            if (!index[(action, target)].Any(r => names(r.Details)))
            {
                missing.Add($"{what} ({action} {target})");
            }
        }

        var policies = await db.Set<PolicyInstanceRow>().AsNoTracking()
            .Where(p => p.PolicyType == "TeamsMeetingPolicy" && p.Identity.StartsWith("Tag:Dur")).ToListAsync();
        foreach (var policy in policies)
        {
            var target = $"TeamsMeetingPolicy {policy.Identity}";
            var created = "d" + policy.Identity["Tag:Dur".Length..];
            Expect("admin.policy.new", target, d => After(d, "Description") == created, $"policy {policy.Identity} created");
            var description = JsonSerializer.Deserialize<Dictionary<string, string>>(policy.ValuesJson)!.GetValueOrDefault("Description");
            if (description is not null && description.StartsWith('s'))
            {
                Expect("admin.policy.set", target, d => After(d, "Description") == description, $"policy {policy.Identity} Description {description}");
            }
        }

        var users = await db.Users.AsNoTracking().Where(u => u.UserName!.StartsWith("dur")).ToListAsync();
        var roles = await db.UserRoles.AsNoTracking().Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync();
        foreach (var user in users)
        {
            var upn = user.UserName!;
            Expect("admin.user.create", upn, _ => true, $"user {upn} created");
            if (user.DisplayName.StartsWith('p'))
            {
                Expect("admin.user.update", upn, d => After(d, "displayName") == user.DisplayName, $"user {upn} named {user.DisplayName}");
            }

            foreach (var role in roles.Where(r => r.UserId == user.Id))
            {
                Expect("admin.role.grant", upn, d => d.GetProperty("role").GetString() == role.Name, $"user {upn} role {role.Name}");
            }
        }

        var groups = await db.Groups.AsNoTracking().Where(g => g.Name.StartsWith("Dur")).Include(g => g.Members).ToListAsync();
        var upns = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.UserName!);
        foreach (var group in groups)
        {
            Expect("admin.group.create", group.Name, _ => true, $"group {group.Name} created");
            foreach (var member in group.Members)
            {
                var upn = upns[member.UserId];
                Expect("admin.group.member.add", group.Name, d => d.GetProperty("user").GetString() == upn, $"group {group.Name} member {upn}");
            }
        }

        var apps = await db.AppRegistrations.AsNoTracking().Where(a => a.DisplayName.StartsWith("dur")).ToListAsync();
        foreach (var app in apps)
        {
            Expect("admin.app.create", app.ClientId, _ => true, $"app {app.DisplayName} created");
        }

        // The other way round: a creation on record is in force (nothing here deletes).
        var policyTargets = policies.Select(p => $"TeamsMeetingPolicy {p.Identity}").ToHashSet();
        var userNames = users.Select(u => u.UserName!).ToHashSet();
        var groupNames = groups.Select(g => g.Name).ToHashSet();
        var clientIds = apps.Select(a => a.ClientId).ToHashSet();
        foreach (var (action, target, _) in records)
        {
            var found = action switch
            {
                "admin.policy.new" => policyTargets.Contains(target),
                "admin.user.create" => userNames.Contains(target),
                "admin.group.create" => groupNames.Contains(target),
                "admin.app.create" => clientIds.Contains(target),
                _ => true,
            };
            if (!found)
            {
                orphans.Add($"{action} {target}");
            }
        }

        return new AuditedState(inForce, records.Count, missing, orphans);
    }

    private static string? After(JsonElement details, string name) =>
        details.ValueKind == JsonValueKind.Object && details.TryGetProperty("after", out var after) && after.TryGetProperty(name, out var value)
            ? value.ToString() : null;
}
