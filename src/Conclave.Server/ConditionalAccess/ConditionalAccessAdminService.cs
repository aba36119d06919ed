using System.Text.Json;
using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Domain.ConditionalAccess;
using Conclave.Server.Audit;
using Conclave.Server.Http;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.ConditionalAccess;

/// <summary>
/// Named locations and conditional access policies as Global administrators change them
/// (<c>New-/Set-/Remove-CsNamedLocation</c>, <c>…-CsConditionalAccessPolicy</c>). Each definition is validated before
/// it is stored, each change commits with its audit record (before and after), and the request paths see it at once on
/// this instance (<see cref="ConditionalAccessPolicySource.Invalidate"/>). A policy change that would refuse the
/// administrator making it the admin API from this very sign-in is refused (<see cref="ErrorCodes.Access.SelfLockout"/>).
/// </summary>
public sealed partial class ConditionalAccessAdminService(
    ConclaveDbContext db, IAuditLog audit, ConditionalAccessPolicySource source, AccessContext contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<NamedLocationView>> LocationsAsync(CancellationToken cancellationToken) =>
        [.. (await db.NamedLocations.AsNoTracking().OrderBy(l => l.Key).ToListAsync(cancellationToken)).Select(View)];

    public async Task<Result<NamedLocationView>> LocationAsync(string name, CancellationToken cancellationToken)
    {
        var location = await db.NamedLocations.AsNoTracking().FirstOrDefaultAsync(l => l.Key == NamedLocationRecord.KeyOf(name), cancellationToken);
        return location is null ? NotFound("named location", name) : View(location);
    }

    public async Task<Result<NamedLocationView>> CreateLocationAsync(AdminActor actor, NewNamedLocationRequest request, CancellationToken cancellationToken)
    {
        var location = NamedLocation.Create(request.Name, request.IpRanges, request.IsTrusted ?? false);
        if (!location.IsSuccess)
        {
            return location.Error;
        }

        var now = time.GetUtcNow();
        var record = new NamedLocationRecord
        {
            Key = NamedLocationRecord.KeyOf(location.Value.Name),
            Name = location.Value.Name,
            IpRanges = string.Join(',', location.Value.Ranges),
            IsTrusted = location.Value.IsTrusted,
            CreatedAt = now,
            ModifiedAt = now,
        };
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        if (await db.NamedLocations.AnyAsync(l => l.Key == record.Key, cancellationToken))
        {
            return Exists("named location", record.Name);
        }

        if (await db.NamedLocations.CountAsync(cancellationToken) >= ConditionalAccessLimits.MaxLocations)
        {
            return new Error(ErrorCodes.Access.InvalidValue, $"An organisation may have at most {ConditionalAccessLimits.MaxLocations} named locations.", ErrorKind.Conflict);
        }

        db.NamedLocations.Add(record);
        var view = View(record);
        await change.CommitAsync(Entry(ConditionalAccessAuditActions.LocationCreated, actor, record.Name, null, view), cancellationToken);
        source.Invalidate();
        return view;
    }

    public async Task<Result<NamedLocationView>> UpdateLocationAsync(
        AdminActor actor, ConditionalAccessGate.Access caller, string name, UpdateNamedLocationRequest request, CancellationToken cancellationToken)
    {
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var record = await db.NamedLocations.FirstOrDefaultAsync(l => l.Key == NamedLocationRecord.KeyOf(name), cancellationToken);
        if (record is null)
        {
            return NotFound("named location", name);
        }

        var location = NamedLocation.Create(record.Name, request.IpRanges ?? record.RangeTexts(), request.IsTrusted ?? record.IsTrusted);
        if (!location.IsSuccess)
        {
            return location.Error;
        }

        var before = View(record);
        record.IpRanges = string.Join(',', location.Value.Ranges);
        record.IsTrusted = location.Value.IsTrusted;
        record.ModifiedAt = time.GetUtcNow();
        var current = await ConditionalAccessPolicySource.LoadAsync(db, null, cancellationToken);
        var locations = current.Locations.Values.Where(l => !string.Equals(l.Name, record.Name, StringComparison.OrdinalIgnoreCase)).Append(location.Value);
        if (await LocksOutAsync(new ConditionalAccessPolicySet(current.Policies, locations), caller, cancellationToken) is { } lockout)
        {
            return lockout;
        }

        var after = View(record);
        await change.CommitAsync(Entry(ConditionalAccessAuditActions.LocationUpdated, actor, record.Name, before, after), cancellationToken);
        source.Invalidate();
        return after;
    }

    /// <summary>Removes a named location no policy names.</summary>
    public async Task<Error?> RemoveLocationAsync(AdminActor actor, string name, CancellationToken cancellationToken)
    {
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var record = await db.NamedLocations.FirstOrDefaultAsync(l => l.Key == NamedLocationRecord.KeyOf(name), cancellationToken);
        if (record is null)
        {
            return NotFound("named location", name);
        }

        var policies = await db.ConditionalAccessPolicies.AsNoTracking().ToListAsync(cancellationToken);
        var naming = policies.Where(p =>
        {
            var conditions = ConditionalAccessParameters.Conditions(p);
            return conditions.IncludeLocations.Concat(conditions.ExcludeLocations).Contains(record.Name, StringComparer.OrdinalIgnoreCase);
        }).Select(p => p.Name).ToList();
        if (naming.Count > 0)
        {
            return new Error(
                ErrorCodes.Access.LocationInUse, $"Named location '{record.Name}' is named by policy {string.Join(", ", naming.Select(n => $"'{n}'"))}.", ErrorKind.Conflict);
        }

        var before = View(record);
        db.NamedLocations.Remove(record);
        await change.CommitAsync(Entry(ConditionalAccessAuditActions.LocationRemoved, actor, record.Name, before, null), cancellationToken);
        source.Invalidate();
        return null;
    }

    /// <summary>Whether <paramref name="set"/> would refuse the caller the admin API from this sign-in; its refusal if so.</summary>
    private async Task<Error?> LocksOutAsync(ConditionalAccessPolicySet set, ConditionalAccessGate.Access caller, CancellationToken cancellationToken)
    {
        var request = await contexts.ReadAsync(
            db, set, caller.UserId, AccessApplications.AdminApi, caller.Address, caller.MultiFactor, caller.DeviceId, cancellationToken);
        var decision = set.Evaluate(request);
        return decision.Refusal is { } refusal
            ? new Error(
                ErrorCodes.Access.SelfLockout,
                $"Nothing was changed: this would refuse you the admin API from this sign-in ({refusal.Code}: {refusal.Message}) Exclude yourself, or make the policy ReportOnly first.",
                ErrorKind.Conflict)
            : null;
    }

    private static NamedLocationView View(NamedLocationRecord record) =>
        new(record.Name, record.RangeTexts(), record.IsTrusted, record.CreatedAt, record.ModifiedAt);

    internal static Error NotFound(string what, string name) =>
        new(ErrorCodes.Access.NotFound, $"No {what} is named '{ConditionalAccessParameters.Shown(name)}'.", ErrorKind.NotFound);

    internal static Error Exists(string what, string name) =>
        new(ErrorCodes.Access.Exists, $"A {what} named '{name}' exists already.", ErrorKind.Conflict);

    internal static AuditEntry Entry(string action, AdminActor actor, string target, object? before, object? after) =>
        new(action, AuditOutcome.Success, actor.Id, actor.Upn, target, actor.From, new JsonObject
        {
            ["before"] = before is null ? null : JsonSerializer.SerializeToNode(before, before.GetType(), JsonSerializerOptions.Web),
            ["after"] = after is null ? null : JsonSerializer.SerializeToNode(after, after.GetType(), JsonSerializerOptions.Web),
        });
}
