using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Server.Http;

namespace Conclave.Server.Relay;

/// <summary>The relay's API: a user's TURN credentials and the administrators' metrics (docs/api.md).</summary>
public static class RelayEndpoints
{
    /// <summary>Path of the signed-in user's TURN credentials.</summary>
    public const string CredentialsPath = "/api/me/turn-credentials";

    /// <summary>Path of the relay metrics (Global or Teams administrator).</summary>
    public const string MetricsPath = "/api/admin/relay/metrics";

    public static void MapConclaveRelay(this IEndpointRouteBuilder app)
    {
        // A user's surface: an app registration's token is refused 403 auth.user_required by the policy.
        app.MapGet(CredentialsPath, (HttpContext context, TurnCredentialIssuer issuer) =>
        {
            // The credential names the user so the relay can apply the per-user quota; ':' would break
            // the expiry:userId form.
            var subject = CallerIdentity.Of(context.User) is { IsUser: true } caller ? caller.Subject : null;
            if (subject is null || subject.Contains(':', StringComparison.Ordinal))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "This token names no user the relay can serve.",
                    extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.Relay.NoUser });
            }

            var credentials = issuer.Issue(subject, context.Request.Host.Host);
            if (credentials is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: "No TURN relay is configured.",
                    extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.Relay.Unavailable });
            }

            // A password is a secret: no cache may keep the answer.
            context.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new TurnCredentialsView(credentials.Username, credentials.Password, (long)credentials.Ttl.TotalSeconds, credentials.Uris));
        }).RequireAuthorization(ConclavePolicies.User)
            .Produces<TurnCredentialsView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        // Global or Teams administrator, as the rest of the admin API (docs/api.md).
        app.MapGet(MetricsPath, (RelayMetrics metrics) => Results.Ok(metrics.Snapshot()))
            .RequireAuthorization(AdminPolicies.Directory).Produces<RelayMetricsSnapshot>();
    }
}
