using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Domain.Common;
using Conclave.Domain.Directory;
using Conclave.Server.Audit;
using Conclave.Server.Directory;
using Conclave.Server.Http;
using Conclave.Server.Identity;
using Conclave.Server.Policies;
using Conclave.Server.Sessions;
using Conclave.Server.Storage;
using Microsoft.AspNetCore.Identity;

namespace Conclave.Server.Admin;

/// <summary>
/// What an administrator does to an account beyond editing it: remove it, reset its password to a new
/// one-time password, reset its authenticator. Each is audited in the transaction of the change, refused
/// on the caller's own account and on an account with more privilege (<see cref="AdminPrivilege"/>), and
/// ends the account's sessions once committed.
/// </summary>
public static class UserLifecycleEndpoints
{
    public static void MapUserLifecycleEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").RequireAuthorization(AdminPolicies.Directory);
        users.MapDelete("/{idOrUpn}", RemoveAsync).Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/{idOrUpn}/password-reset", ResetPasswordAsync).Produces<UserView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{idOrUpn}/authenticator-reset", ResetAuthenticatorAsync).Produces<UserView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// Deletes the account rather than disabling it: nothing that must outlive it points at its row. The
    /// audit log and the call history keep the actor's and the parties' id and UPN as text (no foreign key),
    /// so their records stay whole and readable; group memberships, policy grants, the E2EE-calls setting,
    /// roles and second-factor secrets go with the account (cascading keys). The UPN is free again at once,
    /// and a new account under it has a new id, so old records never read as the new person's.
    /// </summary>
    private static async Task<IResult> RemoveAsync(
        string idOrUpn, HttpContext context, UserManager<ConclaveUser> users, ConclaveDbContext db, IAuditLog audit,
        SessionTermination sessions, PolicyService policies, CancellationToken cancellationToken)
    {
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var (target, refused) = await FindTargetAsync(idOrUpn, "remove", context, users, audit, change, cancellationToken);
        if (target is null)
        {
            return refused!;
        }

        var (user, roles) = target;

        if (await GlobalAdministrators.IsLastAsync(users, user))
        {
            return Problems.FromError(DirectoryErrors.LastGlobalAdministrator(user.UserName!));
        }

        var before = UserAdminEndpoints.Snapshot(user);
        before["roles"] = new JsonArray([.. roles.Select(r => (JsonNode?)r)]);
        before["mfaEnabled"] = user.TwoFactorEnabled;
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            return Problems.FromError(DirectoryErrors.ConcurrentChange(user.UserName!));
        }

        var actor = AdminActor.Of(context);
        await change.CommitAsync(
            new AuditEntry(AuditActions.UserDelete, AuditOutcome.Success, actor.Id, actor.Upn, user.UserName, actor.From,
                new JsonObject { ["id"] = user.Id, ["before"] = before }),
            cancellationToken);
        // After the commit: the tokens it holds are revoked and its connections closed now, not at their next use.
        await sessions.EndAsync(user.Id, "account removed", CancellationToken.None);
        await policies.UserRemovedAsync(CancellationToken.None);
        return Results.NoContent();
    }

    /// <summary>A new generated one-time password, answered once; sign-in is refused until the person changes it.</summary>
    private static async Task<IResult> ResetPasswordAsync(
        string idOrUpn, HttpContext context, UserManager<ConclaveUser> users, ConclaveDbContext db, IAuditLog audit,
        SessionTermination sessions, CancellationToken cancellationToken)
    {
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var (target, refused) = await FindTargetAsync(idOrUpn, "reset the password of", context, users, audit, change, cancellationToken);
        if (target is null)
        {
            return refused!;
        }

        var (user, roles) = target;

        var oneTime = OneTimePassword.Generate();
        // Remove then add: the administrator does not know the old password. Each step rotates the
        // security stamp, so every token issued before fails at its next use (Sessions/PrincipalState).
        var removed = await users.RemovePasswordAsync(user);
        var added = removed.Succeeded ? await users.AddPasswordAsync(user, oneTime) : removed;
        if (!added.Succeeded)
        {
            return Problems.FromError(DirectoryErrors.ConcurrentChange(user.UserName!));
        }

        user.MustChangePassword = true;
        // A reset is also how a locked-out person gets back in.
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        if (!(await users.UpdateAsync(user)).Succeeded)
        {
            return Problems.FromError(DirectoryErrors.ConcurrentChange(user.UserName!));
        }

        var actor = AdminActor.Of(context);
        await change.CommitAsync(
            new AuditEntry(AuditActions.UserPasswordReset, AuditOutcome.Success, actor.Id, actor.Upn, user.UserName, actor.From,
                new JsonObject { ["mustChangePassword"] = true }),
            cancellationToken);
        await sessions.EndAsync(user.Id, "password reset", CancellationToken.None);
        return Results.Ok(UserView.From(user, roles, oneTime));
    }

    /// <summary>Removes the authenticator and the recovery codes; the next sign-in enrols a new one (<see cref="AuthenticatorReset"/>).</summary>
    private static async Task<IResult> ResetAuthenticatorAsync(
        string idOrUpn, HttpContext context, UserManager<ConclaveUser> users, ConclaveDbContext db, IAuditLog audit,
        SessionTermination sessions, CancellationToken cancellationToken)
    {
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var (target, refused) = await FindTargetAsync(idOrUpn, "reset the authenticator of", context, users, audit, change, cancellationToken);
        if (target is null)
        {
            return refused!;
        }

        var (user, roles) = target;

        var hadMfa = user.TwoFactorEnabled;
        if (!(await AuthenticatorReset.ResetAsync(users, db, user, cancellationToken)).Succeeded)
        {
            return Problems.FromError(DirectoryErrors.ConcurrentChange(user.UserName!));
        }

        var actor = AdminActor.Of(context);
        await change.CommitAsync(
            new AuditEntry(AuditActions.UserAuthenticatorReset, AuditOutcome.Success, actor.Id, actor.Upn, user.UserName, actor.From,
                new JsonObject { ["mfaEnabledBefore"] = hadMfa, ["enrolmentRequired"] = true }),
            cancellationToken);
        await sessions.EndAsync(user.Id, "authenticator reset", CancellationToken.None);
        return Results.Ok(UserView.From(user, roles));
    }

    /// <summary>
    /// The account named, once the caller may <paramref name="what"/> it; otherwise the answer: 404, 400 for
    /// the caller's own account, 403 (audited) above the caller's privilege, with the transaction rolled back.
    /// </summary>
    private static async Task<(Target? Target, IResult? Refused)> FindTargetAsync(
        string idOrUpn, string what, HttpContext context, UserManager<ConclaveUser> users, IAuditLog audit,
        AuditedTransaction change, CancellationToken cancellationToken)
    {
        var user = await UserLookup.FindAsync(users, idOrUpn);
        if (user is null)
        {
            return (null, Problems.NotFound($"User '{idOrUpn}'"));
        }

        var roles = await users.GetRolesAsync(user);
        if (Refusal(context, user, roles, what) is not { } refusal)
        {
            return (new Target(user, roles), null);
        }

        await change.RollbackAsync(cancellationToken);
        return (null, refusal.Kind == ErrorKind.Forbidden
            ? await AdminPrivilege.RefuseAsync(context, audit, refusal)
            : Problems.FromError(refusal));
    }

    /// <summary>The caller's own account, then the privilege ceiling; null when the action may go ahead.</summary>
    private static Error? Refusal(HttpContext context, ConclaveUser user, IEnumerable<string> roles, string what) =>
        string.Equals(AdminActor.Of(context).Id, user.Id, StringComparison.Ordinal)
            ? DirectoryErrors.SelfAction(what)
            : AdminPrivilege.CheckChange(context.User, user.UserName!, roles);

    private sealed record Target(ConclaveUser User, IList<string> Roles);
}
