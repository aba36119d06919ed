using System.Collections.Concurrent;
using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Sessions;

/// <summary>
/// The authenticated requests in flight, by token subject. Long-lived ones (the signaling hub's
/// WebSocket, the policy event stream) outlive the token check made when they opened, so ending a
/// subject's sessions also aborts these requests; <see cref="LiveRequestSweeper"/> re-checks them
/// against the directory for changes this node did not make.
/// </summary>
public sealed class LiveRequests
{
    private readonly ConcurrentDictionary<HttpContext, string> _subjects = new();

    /// <summary>Tracks the request until the returned handle is disposed; null when it has no subject.</summary>
    public IDisposable? Track(HttpContext context)
    {
        var subject = context.User.GetClaim(Claims.Subject);
        if (subject is null)
        {
            return null;
        }

        _subjects[context] = subject;
        return new Handle(this, context);
    }

    /// <summary>Aborts every tracked request of the subject; returns how many.</summary>
    public int Abort(string subject)
    {
        var aborted = 0;
        foreach (var (context, owner) in _subjects)
        {
            if (string.Equals(owner, subject, StringComparison.Ordinal) && _subjects.TryRemove(context, out _))
            {
                context.Abort();
                aborted++;
            }
        }

        return aborted;
    }

    /// <summary>A snapshot of the tracked requests' principals, for the sweeper.</summary>
    public IReadOnlyList<(HttpContext Context, ClaimsPrincipal Principal)> Snapshot() =>
        [.. _subjects.Keys.Select(c => (c, c.User))];

    internal void Abort(HttpContext context)
    {
        if (_subjects.TryRemove(context, out _))
        {
            context.Abort();
        }
    }

    private sealed class Handle(LiveRequests owner, HttpContext context) : IDisposable
    {
        public void Dispose() => owner._subjects.TryRemove(context, out _);
    }
}
