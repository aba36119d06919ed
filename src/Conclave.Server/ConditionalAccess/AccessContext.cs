using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Conclave.Domain.ConditionalAccess;
using Conclave.Server.Identity;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Conclave.Server.ConditionalAccess;

/// <summary>
/// What conditional access knows of one request: the user (token subject), whether the sign-in behind the token
/// performed MFA (its <c>amr</c> has <c>mfa</c>: carried from the sign-in through every refresh, never upgraded), the
/// device (the token's authorization id: one sign-in session), the client's address (the connection's remote address;
/// the server has no trusted-proxy setting, so X-Forwarded-For is never read), and the device's compliance.
/// </summary>
/// <remarks>
/// Group memberships and device compliance are read from the database only when a policy needs them (a policy names
/// groups; a policy requires a compliant device) and then kept for <see cref="ConditionalAccessLimits.ContextCacheLifetime"/>:
/// a membership change reaches the request paths within that time; a compliance change made on this instance at once
/// (<see cref="Forget"/>), on another within that time.
/// </remarks>
public sealed class AccessContext(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Cached<HashSet<string>>> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Cached<bool>> _devices = new(StringComparer.Ordinal);

    /// <summary>The client's address of a request, an IPv4-mapped IPv6 address as IPv4.</summary>
    public static IPAddress? AddressOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        return address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
    }

    /// <summary>The device of a token: its authorization id (a token issued without a refresh token has none).</summary>
    public static string? DeviceOf(ClaimsPrincipal principal) => principal.GetAuthorizationId();

    /// <summary>Whether the sign-in behind the principal performed MFA.</summary>
    public static bool MultiFactorOf(ClaimsPrincipal principal) => SessionClaims.PerformedMfa(principal);

    /// <summary>The request for <paramref name="set"/> to evaluate.</summary>
    public async ValueTask<AccessRequest> ReadAsync(
        ConclaveDbContext db, ConditionalAccessPolicySet set, string userId, AccessApplications application, IPAddress? address,
        bool multiFactor, string? deviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        var needsGroups = set.Policies.Any(p => p.State != ConditionalAccessPolicyState.Disabled && (p.IncludeGroups.Count > 0 || p.ExcludeGroups.Count > 0));
        var needsDevice = set.Policies.Any(p => p.State != ConditionalAccessPolicyState.Disabled && p.GrantControls.Contains(GrantControl.RequireCompliantDevice));
        var groups = needsGroups ? await GroupsAsync(db, userId, cancellationToken) : [];
        var compliant = needsDevice && deviceId is not null && await CompliantAsync(db, deviceId, userId, cancellationToken);
        return new AccessRequest(userId, groups, application, address, multiFactor, compliant);
    }

    /// <summary>After a compliance change on this instance: the next request reads it.</summary>
    public void Forget(string deviceId) => _devices.TryRemove(deviceId, out _);

    /// <summary>The ids of the groups <paramref name="userId"/> is a member of.</summary>
    public async ValueTask<HashSet<string>> GroupsAsync(ConclaveDbContext db, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        if (_groups.TryGetValue(userId, out var cached) && now < cached.Expires)
        {
            return cached.Value;
        }

        var groups = new HashSet<string>(
            await db.GroupMemberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(cancellationToken),
            StringComparer.Ordinal);
        _groups[userId] = new(groups, now + ConditionalAccessLimits.ContextCacheLifetime);
        return groups;
    }

    /// <summary>Whether the device is marked compliant (and is the user's own).</summary>
    public async ValueTask<bool> CompliantAsync(ConclaveDbContext db, string deviceId, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        if (_devices.TryGetValue(deviceId, out var cached) && now < cached.Expires)
        {
            return cached.Value;
        }

        var compliant = await db.DeviceCompliance.AsNoTracking()
            .AnyAsync(d => d.DeviceId == deviceId && d.UserId == userId && d.IsCompliant, cancellationToken);
        _devices[deviceId] = new(compliant, now + ConditionalAccessLimits.ContextCacheLifetime);
        return compliant;
    }

    private sealed record Cached<T>(T Value, DateTimeOffset Expires);
}
