using System.Collections.Concurrent;
using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Sessions;

/// <summary>
/// The authenticated requests in flight, by token subject and session. Long-lived ones (the signaling hub's
/// WebSocket, the policy event stream) outlive the token check made when they opened, so ending a
/// subject's sessions also aborts these requests; <see cref="LiveRequestSweeper"/> re-checks them
/// against the directory for changes this node did not make.
/// </summary>
public sealed class LiveRequests
{
    private readonly ConcurrentDictionary<Request, byte> _requests = new();

    /// <summary>Tracks the request until the returned handle is disposed; null when it has no subject.</summary>
    public IDisposable? Track(HttpContext context)
    {
        var subject = context.User.GetClaim(Claims.Subject);
        if (subject is null)
        {
            return null;
        }

        var request = new Request(this, context, subject, context.User.GetAuthorizationId());
        _requests[request] = 0;
        return request;
    }

    /// <summary>Aborts every tracked request of the subject; returns how many.</summary>
    public int Abort(string subject)
    {
        var aborted = 0;
        foreach (var request in _requests.Keys)
        {
            if (string.Equals(request.Subject, subject, StringComparison.Ordinal) && request.Abort())
            {
                aborted++;
            }
        }

        return aborted;
    }

    /// <summary>
    /// Aborts every tracked request of the subject made with a token of one of <paramref name="authorizations"/>
    /// (one signed-in session: <see cref="SignInSessions"/>) but <paramref name="except"/>, the request asking for
    /// it (which answers, then ends); returns how many.
    /// </summary>
    public int Abort(string subject, IReadOnlySet<string> authorizations, HttpContext? except = null)
    {
        var aborted = 0;
        foreach (var request in _requests.Keys)
        {
            if (string.Equals(request.Subject, subject, StringComparison.Ordinal) && !request.Is(except)
                && request.AuthorizationId is { } authorization && authorizations.Contains(authorization)
                && request.Abort())
            {
                aborted++;
            }
        }

        return aborted;
    }

    /// <summary>A snapshot of the tracked requests, for the sweeper.</summary>
    internal IReadOnlyList<Request> Snapshot() => [.. _requests.Keys];

    /// <summary>
    /// One request in flight. Kestrel reuses <see cref="HttpContext"/> objects once a request has
    /// completed, so aborting and ending are serialised: a request is aborted only while it still owns
    /// its context.
    /// </summary>
    internal sealed class Request(LiveRequests owner, HttpContext context, string subject, string? authorizationId) : IDisposable
    {
        private readonly Lock _gate = new();
        private bool _ended;

        public string Subject { get; } = subject;

        /// <summary>The OpenIddict authorization (session) of the token the request came with; null for tokens without one.</summary>
        public string? AuthorizationId { get; } = authorizationId;

        public ClaimsPrincipal Principal { get; } = context.User;

        public bool Is(HttpContext? other) => ReferenceEquals(context, other);

        public bool Abort()
        {
            lock (_gate)
            {
                if (_ended)
                {
                    return false;
                }

                _ended = true;
                context.Abort();
            }

            owner._requests.TryRemove(this, out _);
            return true;
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _ended = true;
            }

            owner._requests.TryRemove(this, out _);
        }
    }
}
