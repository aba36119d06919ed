using System.Text.Json;
using Conclave.Contracts.Api;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Sessions;

/// <summary>
/// Where an account is signed in, and ending one of those places.
/// </summary>
/// <remarks>
/// The unit is the OpenIddict authorization: every sign-in that can go on without the password (a
/// refresh token, an authorization code, a device code) gets its own (ad-hoc) authorization, which
/// every token refreshed from it keeps, so it is exactly "one sign-in and everything it led to". Its
/// tokens are its liveness: an authorization lists only while one of its tokens is valid and unexpired.
/// The web app is the one exception: each of a browser's tabs redeems its own code from the same
/// sign-in cookie, so the authorizations born of one cookie (<see cref="SessionOrigin"/> records it)
/// are one session, and revoking it revokes them all and ends the cookie with them
/// (<see cref="BrowserSessionEndedAsync"/>); otherwise the cookie would sign the browser in again at once.
/// Tokens issued without a refresh token carry no authorization; they expire within the access-token
/// lifetime and are not listed.
/// </remarks>
public sealed class SignInSessions(
    ConclaveDbContext db,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens,
    LiveRequests live,
    TimeProvider time,
    ILogger<SignInSessions> logger)
{
    /// <summary>The authorizations revoked by this instance (one request's scope) whose requests in flight are still to abort.</summary>
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);

    /// <summary>The account's live sessions, most recently active first; <paramref name="currentAuthorization"/> marks "this device".</summary>
    public async Task<IReadOnlyList<SessionView>> ListAsync(string subject, string? currentAuthorization, CancellationToken cancellationToken) =>
        [.. (await LoadAsync(subject, cancellationToken)).Select(s => s.View(currentAuthorization))];

    /// <summary>Ends the session <paramref name="id"/> of the account; false when it has no such live session.</summary>
    public async Task<bool> RevokeAsync(string subject, string id, CancellationToken cancellationToken)
    {
        var session = (await LoadAsync(subject, cancellationToken)).FirstOrDefault(s => s.Authorizations.Contains(id));
        if (session is null)
        {
            return false;
        }

        await RevokeAsync(subject, session, cancellationToken);
        return true;
    }

    /// <summary>Ends every session of the account but the one holding <paramref name="currentAuthorization"/>; returns how many.</summary>
    public async Task<int> RevokeOthersAsync(string subject, string? currentAuthorization, CancellationToken cancellationToken)
    {
        var others = (await LoadAsync(subject, cancellationToken))
            .Where(s => currentAuthorization is null || !s.Authorizations.Contains(currentAuthorization)).ToList();
        foreach (var session in others)
        {
            await RevokeAsync(subject, session, cancellationToken);
        }

        return others.Count;
    }

    /// <summary>
    /// Closes the requests in flight of sessions ended by <see cref="RevokeAsync(string, string, CancellationToken)"/>;
    /// call it once the change has committed; <paramref name="request"/>, the one that revoked (perhaps its own
    /// session), is left to answer. On other nodes, <see cref="LiveRequestSweeper"/> closes them within its
    /// interval (<see cref="PrincipalState"/> asks whether the session's authorization is still valid).
    /// </summary>
    public int AbortRevoked(string subject, HttpContext request)
    {
        var aborted = live.Abort(subject, _revoked, except: request);
        SessionLog.SessionRevoked(logger, subject, _revoked.Count, aborted);
        _revoked.Clear();
        return aborted;
    }

    /// <summary>Whether the browser sign-in <paramref name="browserSession"/> of the account was ended by revoking a session born of it.</summary>
    public Task<bool> BrowserSessionEndedAsync(string subject, string browserSession, CancellationToken cancellationToken) =>
        Authorizations().AsNoTracking()
            .AnyAsync(a => a.Subject == subject && a.Status == Statuses.Revoked && a.Properties != null && a.Properties.Contains(browserSession), cancellationToken);

    private async Task RevokeAsync(string subject, Session session, CancellationToken cancellationToken)
    {
        foreach (var id in session.Authorizations)
        {
            // The authorization first: a refresh racing with this fails OpenIddict's authorization check.
            if (await authorizations.FindByIdAsync(id, cancellationToken) is { } authorization)
            {
                await authorizations.TryRevokeAsync(authorization, cancellationToken);
            }

            await tokens.RevokeByAuthorizationIdAsync(id, cancellationToken);
            _revoked.Add(id);
        }

        SessionLog.SessionRevoking(logger, subject, session.Authorizations.Count);
    }

    private DbSet<OpenIddictEntityFrameworkCoreAuthorization> Authorizations() => db.Set<OpenIddictEntityFrameworkCoreAuthorization>();

    private async Task<List<Session>> LoadAsync(string subject, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await Authorizations().AsNoTracking()
            .Where(a => a.Subject == subject && a.Status == Statuses.Valid)
            .Where(a => a.Tokens.Any(t => t.Status == Statuses.Valid && t.ExpirationDate > now))
            .Select(a => new Row(
                a.Id!,
                a.Application!.ClientId!,
                a.Application.DisplayName,
                a.CreationDate,
                a.Tokens.Max(t => t.CreationDate),
                a.Properties))
            .ToListAsync(cancellationToken);

        return [.. rows
            .Select(r => (Row: r, Origin: Origin.Parse(r.Properties)))
            .GroupBy(r => r.Origin.BrowserSession ?? r.Row.Id, StringComparer.Ordinal)
            .Select(g => Session.Of([.. g.OrderBy(r => r.Row.Created).ThenBy(r => r.Row.Id, StringComparer.Ordinal)]))
            .OrderByDescending(s => s.LastActive ?? s.Started)];
    }

    private sealed record Row(string Id, string ClientId, string? ClientName, DateTime? Created, DateTime? LastIssued, string? Properties);

    private sealed record Origin(string? Method, string? Address, string? BrowserSession)
    {
        public static Origin Parse(string? properties)
        {
            if (string.IsNullOrEmpty(properties))
            {
                return new(null, null, null);
            }

            using var json = JsonDocument.Parse(properties);
            return new(Text(json, SessionOrigin.MethodProperty), Text(json, SessionOrigin.AddressProperty), Text(json, SessionOrigin.BrowserSessionProperty));
        }

        private static string? Text(JsonDocument json, string name) =>
            json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>One session: its authorizations, oldest first; the oldest names it.</summary>
    private sealed record Session(
        IReadOnlyList<string> Authorizations, string ClientId, string? ClientName, string Method,
        DateTimeOffset Started, DateTimeOffset? LastActive, string? Address)
    {
        public static Session Of(IReadOnlyList<(Row Row, Origin Origin)> members)
        {
            var (first, origin) = members[0];
            var lastIssued = members.Max(m => m.Row.LastIssued);
            return new(
                [.. members.Select(m => m.Row.Id)],
                first.ClientId,
                first.ClientName,
                origin.Method ?? SignInMethods.Unknown,
                Utc(first.Created ?? lastIssued ?? DateTime.UnixEpoch),
                lastIssued is { } last ? Utc(last) : null,
                origin.Address);
        }

        public SessionView View(string? current) => new(
            Authorizations[0], ClientId, ClientName, Method, Started, LastActive, Address,
            current is not null && Authorizations.Contains(current));

        private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }
}
