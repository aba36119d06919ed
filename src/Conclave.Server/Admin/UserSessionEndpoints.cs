using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Server.Account;
using Conclave.Server.Audit;
using Conclave.Server.Directory;
using Conclave.Server.Http;
using Conclave.Server.Sessions;
using Conclave.Server.Storage;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace Conclave.Server.Admin;

/// <summary>
/// /api/admin/users/{idOrUpn}/sessions: where an account is signed in, and signing one of those places
/// out (<c>Revoke-CsUserSession</c>). A revocation is refused (403, audited) on an account with more
/// privilege than the caller (<see cref="AdminPrivilege"/>), and audited in the transaction that makes it.
/// </summary>
public static class UserSessionEndpoints
{
    public static void MapUserSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users/{idOrUpn}/sessions").RequireAuthorization(AdminPolicies.Directory);
        users.MapGet("", ListAsync).Produces<IReadOnlyList<SessionView>>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapDelete("/{id}", RevokeAsync).Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(
        string idOrUpn, HttpContext context, UserManager<ConclaveUser> users, SignInSessions sessions, CancellationToken cancellationToken)
    {
        var user = await UserLookup.FindAsync(users, idOrUpn);
        return user is null
            ? Problems.NotFound($"User '{idOrUpn}'")
            : Results.Ok(await sessions.ListAsync(user.Id, context.User.GetAuthorizationId(), cancellationToken));
    }

    private static async Task<IResult> RevokeAsync(
        string idOrUpn, string id, HttpContext context, UserManager<ConclaveUser> users, SignInSessions sessions,
        ConclaveDbContext db, IAuditLog audit, CancellationToken cancellationToken)
    {
        var user = await UserLookup.FindAsync(users, idOrUpn);
        if (user is null)
        {
            return Problems.NotFound($"User '{idOrUpn}'");
        }

        if (AdminPrivilege.CheckChange(context.User, user.UserName!, await users.GetRolesAsync(user)) is { } refusal)
        {
            return await AdminPrivilege.RefuseAsync(context, audit, refusal);
        }

        await using (var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken))
        {
            if (!await sessions.RevokeAsync(user.Id, id, cancellationToken))
            {
                return Problems.FromError(SessionEndpoints.NotFound(id));
            }

            var actor = AdminActor.Of(context);
            await change.CommitAsync(
                new AuditEntry(AuditActions.UserSessionRevoke, AuditOutcome.Success, actor.Id, actor.Upn, user.UserName, actor.From,
                    new JsonObject { ["id"] = user.Id, ["session"] = id }),
                cancellationToken);
        }

        sessions.AbortRevoked(user.Id, context);
        return Results.NoContent();
    }
}
