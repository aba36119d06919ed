using System.Text.Json.Nodes;
using Conclave.Server.Audit;
using Conclave.Server.Calls;
using Conclave.Server.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Admin;

/// <summary>
/// Records refused (403) calls in the audit log, then answers as the framework would. A caller probing
/// an endpoint in a loop costs the log one record for the first refusal and one counted record per
/// window (<see cref="RefusalAudit"/>), not a row per request.
/// </summary>
internal sealed class AuditingAuthorizationResultHandler(RefusalAudit refusals) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _inner = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            if (RequiredRoles.Describe(policy, context.User) is { } needed)
            {
                Problems.SetDetail(context, needed);
            }

            var actor = AdminActor.Of(context);
            await refusals.RecordAsync(
                new AuditEntry(
                    AuditActions.AdminDenied,
                    AuditOutcome.Denied,
                    actor.Id,
                    actor.Upn,
                    Target: $"{context.Request.Method} {context.Request.Path}",
                    FromAddress: ClientAddress.Of(context),
                    Details: new JsonObject { ["roles"] = string.Join(",", context.User.GetClaims(Claims.Role)) }),
                Problems.CodeOf(context, StatusCodes.Status403Forbidden),
                // One window per endpoint: a probe of each new endpoint is on the record at once.
                scope: $"{context.Request.Method} {(context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText}");
        }

        await _inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
