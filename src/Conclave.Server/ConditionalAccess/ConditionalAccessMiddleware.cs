using Conclave.Contracts.Chat;
using Conclave.Domain.ConditionalAccess;
using Conclave.Server.Http;

namespace Conclave.Server.ConditionalAccess;

/// <summary>
/// Conditional access at every request of the chat API and hub (application <c>Chat</c>: chats, teams and channels)
/// and of the admin API (application <c>AdminApi</c>), once authorization has admitted the caller: a user's request is
/// evaluated against the cached policy set and refused with 403 and the failing control's code. An app registration's
/// token is not a user's sign-in and is left to the endpoint's authorization (Entra: user policies do not cover
/// workload identities). The chat hub is checked when it connects; each later invocation passes the session checks.
/// </summary>
public static class ConditionalAccessMiddleware
{
    /// <summary>
    /// The chat API's roots: Chat's and Teams' endpoint paths, written out here because those features reach the admin
    /// API, which reaches sign-in, which asks this one (a test holds them equal: ConditionalAccessMiddlewareTests).
    /// </summary>
    public static readonly IReadOnlyList<string> ChatPaths = ["/api/chats", "/api/teams", ChatHubNames.Path];

    /// <summary>The admin API's root.</summary>
    public const string AdminPath = "/api/admin";

    /// <summary>The application a path belongs to, or None when conditional access does not look at it here.</summary>
    public static AccessApplications ApplicationOf(PathString path) =>
        path.StartsWithSegments(AdminPath) ? AccessApplications.AdminApi
        : ChatPaths.Any(p => path.StartsWithSegments(p)) ? AccessApplications.Chat
        : AccessApplications.None;

    public static IApplicationBuilder UseConditionalAccess(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var application = ApplicationOf(context.Request.Path);
            if (application == AccessApplications.None || CallerIdentity.Of(context.User) is not { IsUser: true } caller)
            {
                await next(context);
                return;
            }

            var gate = context.RequestServices.GetRequiredService<ConditionalAccessGate>();
            var refusal = await gate.CheckAsync(
                new ConditionalAccessGate.Access(
                    caller.Subject, caller.Upn, application, AccessContext.AddressOf(context), AccessContext.MultiFactorOf(context.User),
                    AccessContext.DeviceOf(context.User), $"{context.Request.Method} {context.Request.Path}"),
                context.RequestAborted);
            if (refusal is not null)
            {
                await Problems.FromError(refusal).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
}
