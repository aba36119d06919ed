using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Domain.Directory;
using Conclave.Server.Audit;
using Conclave.Server.Directory;
using Conclave.Server.Http;
using Conclave.Server.Identity;
using Conclave.Server.Sessions;
using Conclave.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Admin;

/// <summary>/api/admin/users and /api/admin/roles.</summary>
public static class UserAdminEndpoints
{
    public static void MapUserAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").RequireAuthorization(AdminPolicies.Directory);
        users.MapPost("", CreateAsync).Produces<UserView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapGet("", ListAsync).Produces<UserView[]>();
        users.MapGet("/{idOrUpn}", GetAsync).Produces<UserView>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPatch("/{idOrUpn}", UpdateAsync).Produces<UserView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/admin/roles", GrantAsync).RequireAuthorization(AdminPolicies.Roles)
            .Produces<UserView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(
        CreateUser body, HttpContext context, UserManager<ConclaveUser> users, ConclaveDbContext db, IAuditLog audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var upn = Upn.Parse(body.Upn);
        if (!upn.IsSuccess)
        {
            return Problems.FromError(upn.Error, "upn");
        }

        if (string.IsNullOrWhiteSpace(body.DisplayName) || body.DisplayName.Length > 256)
        {
            return Problems.Invalid("displayName", ErrorCodes.Directory.InvalidDisplayName, "displayName is required (at most 256 characters).");
        }

        var kind = UserKinds.Parse(body.Kind);
        if (!kind.IsSuccess)
        {
            return Problems.FromError(kind.Error, "kind");
        }

        if (!UserKinds.HasAccount(kind.Value))
        {
            return Problems.FromError(DirectoryErrors.KindWithoutAccount(kind.Value), "kind");
        }

        if (await users.FindByNameAsync(upn.Value.Value) is not null)
        {
            return Problems.FromError(new Error(ErrorCodes.Directory.UserExists, $"{upn.Value} already exists.", ErrorKind.Conflict), "upn");
        }

        var oneTime = body.Password is null ? OneTimePassword.Generate() : null;
        var user = new ConclaveUser
        {
            UserName = upn.Value.Value,
            Email = upn.Value.Value,
            DisplayName = body.DisplayName.Trim(),
            Kind = kind.Value,
            LicensedToScheduleMeetings = body.LicensedToScheduleMeetings ?? true,
            MustChangePassword = oneTime is not null,
            CreatedAt = time.GetUtcNow(),
            LockoutEnabled = true,
        };
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var created = await users.CreateAsync(user, body.Password ?? oneTime!);
        if (!created.Succeeded)
        {
            return Problems.Invalid("password", ErrorCodes.Auth.PasswordRejected, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var view = UserView.From(user, []);
        var actor = AdminActor.Of(context);
        await change.CommitAsync(
            new AuditEntry(AuditActions.UserCreate, AuditOutcome.Success, actor.Id, actor.Upn, user.UserName, actor.From,
                new JsonObject { ["after"] = Snapshot(user) }),
            cancellationToken);
        return Results.Created($"/api/admin/users/{user.Id}", view with { OneTimePassword = oneTime });
    }

    private static async Task<IResult> ListAsync(string? upn, UserManager<ConclaveUser> users, CancellationToken cancellationToken)
    {
        var query = users.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(upn))
        {
            var needle = upn.Trim().ToLowerInvariant();
            query = query.Where(u => u.UserName!.Contains(needle));
        }

        var list = await query.OrderBy(u => u.UserName).Take(1000).ToListAsync(cancellationToken);
        var views = new List<UserView>(list.Count);
        foreach (var user in list)
        {
            views.Add(UserView.From(user, await users.GetRolesAsync(user)));
        }

        return Results.Ok(views);
    }

    private static async Task<IResult> GetAsync(string idOrUpn, UserManager<ConclaveUser> users)
    {
        var user = await UserLookup.FindAsync(users, idOrUpn);
        return user is null ? Problems.NotFound($"User '{idOrUpn}'") : Results.Ok(UserView.From(user, await users.GetRolesAsync(user)));
    }

    private static async Task<IResult> UpdateAsync(
        string idOrUpn, UpdateUser body, HttpContext context, UserManager<ConclaveUser> users, ConclaveDbContext db, IAuditLog audit,
        SessionTermination sessions,
        CancellationToken cancellationToken)
    {
        // Read inside the transaction: on SQLite it holds the write lock, so no other change slips in between.
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var user = await UserLookup.FindAsync(users, idOrUpn);
        if (user is null)
        {
            return Problems.NotFound($"User '{idOrUpn}'");
        }

        if (body.DisplayName is not null && (string.IsNullOrWhiteSpace(body.DisplayName) || body.DisplayName.Length > 256))
        {
            return Problems.Invalid("displayName", ErrorCodes.Directory.InvalidDisplayName, "displayName must have 1 to 256 characters.");
        }

        var parsedKind = KindOf(body.Kind);
        if (parsedKind is { Error: { } invalidKind })
        {
            return Problems.FromError(invalidKind, "kind");
        }

        var kind = parsedKind?.Value;
        if (kind is { } k && !UserKinds.HasAccount(k))
        {
            return Problems.FromError(DirectoryErrors.KindWithoutAccount(k), "kind");
        }

        var roles = await users.GetRolesAsync(user);
        if (AdminPrivilege.CheckChange(context.User, user.UserName!, roles) is { } refusal)
        {
            await change.RollbackAsync(cancellationToken);
            return await AdminPrivilege.RefuseAsync(context, audit, refusal);
        }

        var kindChanges = kind is { } to && to != user.Kind;
        if (kind is { } newKind && kindChanges && UserKinds.CheckChange(user.UserName!, newKind, roles.Count > 0) is { } impossible)
        {
            return Problems.FromError(impossible, "kind");
        }

        var before = Snapshot(user);
        user.DisplayName = body.DisplayName?.Trim() ?? user.DisplayName;
        user.Enabled = body.Enabled ?? user.Enabled;
        user.LicensedToScheduleMeetings = body.LicensedToScheduleMeetings ?? user.LicensedToScheduleMeetings;
        user.Kind = kind ?? user.Kind;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return Problems.FromError(DirectoryErrors.ConcurrentChange(user.UserName!));
        }

        var endSessions = body.Enabled == false || kindChanges;
        if (endSessions)
        {
            // A disabled account's existing sessions end, and so do those of an account whose kind changed:
            // its tokens carry the old kind, which decides what it may do (a guest's calls and meetings are
            // governed by the guest configurations). The security stamp changes, so the tokens fail at their
            // next use, and what the account holds now is revoked and closed below.
            await users.UpdateSecurityStampAsync(user);
        }

        var actor = AdminActor.Of(context);
        await change.CommitAsync(
            new AuditEntry(AuditActions.UserUpdate, AuditOutcome.Success, actor.Id, actor.Upn, user.UserName, actor.From,
                new JsonObject { ["before"] = before, ["after"] = Snapshot(user) }),
            cancellationToken);
        if (endSessions)
        {
            await sessions.EndAsync(user.Id, body.Enabled == false ? "account disabled" : "kind changed", CancellationToken.None);
        }

        return Results.Ok(UserView.From(user, await users.GetRolesAsync(user)));
    }

    private static async Task<IResult> GrantAsync(
        GrantRole body, HttpContext context, UserManager<ConclaveUser> users, ConclaveDbContext db, IAuditLog audit, CancellationToken cancellationToken)
    {
        var role = AdminRoles.Parse(body.Role);
        if (!role.IsSuccess)
        {
            return Problems.FromError(role.Error, "role");
        }

        var user = await UserLookup.FindAsync(users, body.User);
        if (user is null)
        {
            return Problems.Invalid("user", ErrorCodes.Directory.UnknownUser, $"User '{body.User}' was not found.");
        }

        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var before = await users.GetRolesAsync(user);
        if ((AdminPrivilege.CheckGrant(context.User, [role.Value]) ?? AdminPrivilege.CheckChange(context.User, user.UserName!, before)) is { } refusal)
        {
            await change.RollbackAsync(cancellationToken);
            return await AdminPrivilege.RefuseAsync(context, audit, refusal, "role");
        }

        if (UserKinds.CheckRoleGrant(user.UserName!, user.Kind) is { } notMember)
        {
            await change.RollbackAsync(cancellationToken);
            return Problems.FromError(notMember, "user");
        }

        if (!before.Contains(role.Value.ToString()))
        {
            var added = await users.AddToRoleAsync(user, role.Value.ToString());
            if (!added.Succeeded)
            {
                throw new InvalidOperationException("Role grant failed: " + string.Join(" ", added.Errors.Select(e => e.Code)));
            }
        }

        var after = await users.GetRolesAsync(user);
        var actor = AdminActor.Of(context);
        await change.CommitAsync(
            new AuditEntry(AuditActions.RoleGrant, AuditOutcome.Success, actor.Id, actor.Upn, user.UserName, actor.From,
                new JsonObject
                {
                    ["role"] = role.Value.ToString(),
                    ["before"] = new JsonArray([.. before.Select(r => (JsonNode?)r)]),
                    ["after"] = new JsonArray([.. after.Select(r => (JsonNode?)r)]),
                }),
            cancellationToken);
        return Results.Ok(UserView.From(user, after));
    }

    /// <summary>The kind a PATCH asks for: null when it names none; an empty name is refused (a create's default, Member, does not apply to a change).</summary>
    private static Result<UserKind>? KindOf(string? name)
    {
        if (name is null)
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(name)
            ? new Error(ErrorCodes.Directory.InvalidKind, "kind must name one of Member, Guest, Federated.")
            : UserKinds.Parse(name);
    }

    internal static JsonObject Snapshot(ConclaveUser user) => new()
    {
        ["upn"] = user.UserName,
        ["displayName"] = user.DisplayName,
        ["kind"] = user.Kind.ToString(),
        ["enabled"] = user.Enabled,
        ["licensedToScheduleMeetings"] = user.LicensedToScheduleMeetings,
    };
}
