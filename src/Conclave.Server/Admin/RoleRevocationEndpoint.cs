using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Domain.Directory;
using Conclave.Server.Audit;
using Conclave.Server.Directory;
using Conclave.Server.Http;
using Conclave.Server.Sessions;
using Conclave.Server.Storage;
using Microsoft.AspNetCore.Identity;

namespace Conclave.Server.Admin;

/// <summary>
/// <c>DELETE /api/admin/roles/{role}/users/{idOrUpn}</c>, the pair of <c>POST /api/admin/roles</c>: Global
/// administrators only; the last enabled Global administrator keeps the role. Removing a role the user does
/// not hold changes nothing and answers the user, as granting a held one does.
/// </summary>
public static class RoleRevocationEndpoint
{
    public static void MapRoleRevocationEndpoint(this IEndpointRouteBuilder app) =>
        app.MapDelete("/api/admin/roles/{role}/users/{idOrUpn}", RevokeAsync).RequireAuthorization(AdminPolicies.Roles)
            .Produces<UserView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> RevokeAsync(
        string role, string idOrUpn, HttpContext context, UserManager<ConclaveUser> users, ConclaveDbContext db, IAuditLog audit,
        SessionTermination sessions, CancellationToken cancellationToken)
    {
        var parsed = AdminRoles.Parse(role);
        if (!parsed.IsSuccess)
        {
            return Problems.FromError(parsed.Error, "role");
        }

        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var user = await UserLookup.FindAsync(users, idOrUpn);
        if (user is null)
        {
            return Problems.NotFound($"User '{idOrUpn}'");
        }

        var before = await users.GetRolesAsync(user);
        if (AdminPrivilege.CheckChange(context.User, user.UserName!, before) is { } refusal)
        {
            await change.RollbackAsync(cancellationToken);
            return await AdminPrivilege.RefuseAsync(context, audit, refusal, "role");
        }

        var name = parsed.Value.ToString();
        var held = before.Contains(name);
        if (held && parsed.Value == AdminRole.GlobalAdministrator && await GlobalAdministrators.IsLastAsync(users, user))
        {
            return Problems.FromError(DirectoryErrors.LastGlobalAdministrator(user.UserName!), "role");
        }

        if (held)
        {
            // Roles travel in tokens as claims: the new security stamp ends the tokens that still carry this one.
            var removed = await users.RemoveFromRoleAsync(user, name);
            if (!removed.Succeeded || !(await users.UpdateSecurityStampAsync(user)).Succeeded)
            {
                return Problems.FromError(DirectoryErrors.ConcurrentChange(user.UserName!));
            }
        }

        var after = await users.GetRolesAsync(user);
        var actor = AdminActor.Of(context);
        await change.CommitAsync(
            new AuditEntry(AuditActions.RoleRevoke, AuditOutcome.Success, actor.Id, actor.Upn, user.UserName, actor.From,
                new JsonObject
                {
                    ["role"] = name,
                    ["before"] = new JsonArray([.. before.Select(r => (JsonNode?)r)]),
                    ["after"] = new JsonArray([.. after.Select(r => (JsonNode?)r)]),
                }),
            cancellationToken);
        if (held)
        {
            await sessions.EndAsync(user.Id, "role removed", CancellationToken.None);
        }

        return Results.Ok(UserView.From(user, after));
    }
}
