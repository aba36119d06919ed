using OpenIddict.Abstractions;

namespace Conclave.Server.Sessions;

/// <summary>
/// Ends what a subject already holds once the change that ended its sessions (a disable, a password
/// change, a role removal, an app's deletion) has committed: its stored tokens are revoked and its
/// requests in flight, among them hub connections and event streams, are aborted. Tokens stop even
/// without this, at their next use, because <see cref="PrincipalState"/> checks the directory.
/// </summary>
public sealed partial class SessionTermination(
    IOpenIddictTokenManager tokens, LiveRequests live, ILogger<SessionTermination> logger)
{
    public async Task EndAsync(string subject, string reason, CancellationToken cancellationToken)
    {
        var revoked = await tokens.RevokeBySubjectAsync(subject, cancellationToken);
        var aborted = live.Abort(subject);
        SessionLog.SessionsEnded(logger, subject, reason, revoked, aborted);
    }
}
