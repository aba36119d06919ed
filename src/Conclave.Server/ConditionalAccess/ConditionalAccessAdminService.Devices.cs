using System.Net;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Domain.ConditionalAccess;
using Conclave.Server.Audit;
using Conclave.Server.Http;
using Conclave.Server.Sessions;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.ConditionalAccess;

public sealed partial class ConditionalAccessAdminService
{
    /// <summary>The user's devices (live sign-in sessions) with their compliance; null when no user has this UPN or id.</summary>
    public async Task<IReadOnlyList<DeviceView>?> DevicesAsync(string user, SignInSessions sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var id = await UserIdAsync(user, cancellationToken);
        if (id is null)
        {
            return null;
        }

        var upn = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.UserName).FirstAsync(cancellationToken) ?? id;
        var compliance = await db.DeviceCompliance.AsNoTracking().Where(d => d.UserId == id).ToDictionaryAsync(d => d.DeviceId, cancellationToken);
        return [.. (await sessions.ListAsync(id, null, cancellationToken)).Select(s =>
        {
            var record = compliance.GetValueOrDefault(s.Id);
            return new DeviceView(s.Id, upn, s.ClientId, s.ClientName, s.StartedAt, s.LastActiveAt, s.SignInAddress,
                record?.IsCompliant ?? false, record?.SetBy, record?.SetAt);
        })];
    }

    /// <summary>
    /// Marks the device (a live sign-in session's id) compliant or not, audited with before and after in the same
    /// transaction; the request paths of this instance see it at once.
    /// </summary>
    public async Task<Result<DeviceComplianceView>> SetComplianceAsync(
        AdminActor actor, string deviceId, SetDeviceComplianceRequest request, CancellationToken cancellationToken)
    {
        if (request.IsCompliant is not { } compliant)
        {
            return ConditionalAccessParameters.Invalid("IsCompliant", null, "true or false");
        }

        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var owner = await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().AsNoTracking()
            .Where(a => a.Id == deviceId && a.Status == Statuses.Valid && a.Subject != null)
            .Select(a => a.Subject)
            .FirstOrDefaultAsync(cancellationToken);
        if (owner is null || !await db.Users.AnyAsync(u => u.Id == owner, cancellationToken))
        {
            return new Error(ErrorCodes.Access.DeviceNotFound, $"No live sign-in session (device) has the id '{ConditionalAccessParameters.Shown(deviceId)}'.", ErrorKind.NotFound);
        }

        var record = await db.DeviceCompliance.FirstOrDefaultAsync(d => d.DeviceId == deviceId, cancellationToken);
        var before = record is null ? null : ComplianceView(record);
        if (record is null)
        {
            record = new DeviceComplianceRecord { DeviceId = deviceId, UserId = owner };
            db.DeviceCompliance.Add(record);
        }

        record.IsCompliant = compliant;
        record.SetBy = actor.Upn;
        record.SetAt = time.GetUtcNow();
        var after = ComplianceView(record);
        await change.CommitAsync(
            Entry(ConditionalAccessAuditActions.DeviceComplianceSet, actor, deviceId, before, after) with { Target = deviceId },
            cancellationToken);
        contexts.Forget(deviceId);
        return after;
    }

    /// <summary>What the current policies decide for the access described (Entra's What If): each policy's result and the decision.</summary>
    public async Task<Result<WhatIfResult>> WhatIfAsync(WhatIfRequest request, CancellationToken cancellationToken)
    {
        var userId = await UserIdAsync(request.User, cancellationToken);
        if (userId is null)
        {
            return new Error(ErrorCodes.Access.UnknownUser, $"No user is named '{ConditionalAccessParameters.Shown(request.User)}'.");
        }

        IPAddress? address = null;
        if (!string.IsNullOrWhiteSpace(request.IpAddress) && !IpRange.TryParseAddress(request.IpAddress.Trim(), out address))
        {
            return ConditionalAccessParameters.Invalid("IpAddress", request.IpAddress, "an IPv4 address in dotted decimal or an IPv6 address");
        }

        var application = request.Application is null ? AccessApplications.Chat : ConditionalAccessParameters.Application(request.Application);
        if (application is null)
        {
            return ConditionalAccessParameters.Invalid("Application", request.Application, "SignIn, Chat, AdminApi or SecureLabels");
        }

        var compliant = false;
        if (!string.IsNullOrWhiteSpace(request.DeviceId))
        {
            var device = await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().AsNoTracking()
                .AnyAsync(a => a.Id == request.DeviceId && a.Subject == userId, cancellationToken);
            if (!device)
            {
                return new Error(ErrorCodes.Access.DeviceNotFound, $"User has no device with the id '{ConditionalAccessParameters.Shown(request.DeviceId)}'.", ErrorKind.NotFound);
            }

            compliant = await db.DeviceCompliance.AsNoTracking()
                .AnyAsync(d => d.DeviceId == request.DeviceId && d.UserId == userId && d.IsCompliant, cancellationToken);
        }

        var groups = await db.GroupMemberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(cancellationToken);
        var set = await source.CurrentAsync(cancellationToken);
        var mfa = request.Mfa ?? false;
        var decision = set.Evaluate(new AccessRequest(userId, groups.ToHashSet(StringComparer.Ordinal), application.Value, address, mfa, compliant));
        return new WhatIfResult(
            request.User!.Trim(), application.Value.ToString(), address?.ToString(), mfa, compliant,
            decision.IsAllowed ? "Allowed" : "Refused", decision.Refusal?.Code, decision.Refusal?.Message,
            [.. decision.Results.Select(r => new WhatIfPolicyResult(r.Policy, r.State.ToString(), r.Applied, r.Outcome))]);
    }

    private async Task<string?> UserIdAsync(string? user, CancellationToken cancellationToken)
    {
        var text = user?.Trim() ?? "";
        if (text.Length == 0)
        {
            return null;
        }

        var normalized = text.ToUpperInvariant();
        return await db.Users.AsNoTracking().Where(u => u.Id == text || u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private static DeviceComplianceView ComplianceView(DeviceComplianceRecord record) =>
        new(record.DeviceId, record.UserId, record.IsCompliant, record.SetBy, record.SetAt);
}
