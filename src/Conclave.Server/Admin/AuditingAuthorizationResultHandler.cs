using System.Text.Json.Nodes;
using Conclave.Server.Audit;
using Conclave.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Admin;

/// <summary>Records every refused (403) call in the audit log, then answers as the framework would.</summary>
internal sealed class AuditingAuthorizationResultHandler(IAuditLog audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _inner = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var actor = AdminActor.Of(context);
            await audit.RecordAsync(
                new AuditEntry(
                    AuditActions.AdminDenied,
                    AuditOutcome.Denied,
                    actor.Id,
                    actor.Upn,
                    Target: $"{context.Request.Method} {context.Request.Path}",
                    FromAddress: ClientAddress.Of(context),
                    Details: new JsonObject { ["roles"] = string.Join(",", context.User.GetClaims(Claims.Role)) }),
                // Not the request's token: a prober resetting its connection must not keep its refusal off the record.
                CancellationToken.None);
        }

        await _inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
