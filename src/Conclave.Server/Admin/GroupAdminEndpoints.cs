using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Domain.Directory;
using Conclave.Server.Audit;
using Conclave.Server.Directory;
using Conclave.Server.Http;
using Conclave.Server.Policies;
using Conclave.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Admin;

/// <summary>/api/admin/groups and their members.</summary>
public static class GroupAdminEndpoints
{
    public static void MapGroupAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/api/admin/groups").RequireAuthorization(AdminPolicies.Directory);
        groups.MapPost("", CreateAsync).Produces<GroupView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        groups.MapGet("", ListAsync).Produces<GroupView[]>();
        groups.MapGet("/{idOrName}", GetAsync).Produces<GroupView>().ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapPost("/{idOrName}/members", AddMemberAsync).Produces<GroupView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapDelete("/{idOrName}/members/{user}", RemoveMemberAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(
        CreateGroup body, HttpContext context, ConclaveDbContext db, IAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var name = GroupName.Validate(body.Name);
        if (!name.IsSuccess)
        {
            return Problems.FromError(name.Error, "name");
        }

        var nickname = GroupName.ValidateNickname(body.MailNickname, name.Value);
        if (!nickname.IsSuccess)
        {
            return Problems.FromError(nickname.Error, "mailNickname");
        }

        if (await db.Groups.AnyAsync(g => g.Name == name.Value, cancellationToken))
        {
            return Problems.FromError(new Error(ErrorCodes.Directory.GroupExists, $"A group named '{name.Value}' exists.", ErrorKind.Conflict), "name");
        }

        var group = new GroupRecord
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Name = name.Value,
            MailNickname = nickname.Value,
            CreatedAt = time.GetUtcNow(),
        };
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        db.Groups.Add(group);
        var actor = AdminActor.Of(context);
        await change.CommitAsync(
            new AuditEntry(AuditActions.GroupCreate, AuditOutcome.Success, actor.Id, actor.Upn, group.Name, actor.From,
                new JsonObject { ["after"] = new JsonObject { ["id"] = group.Id, ["name"] = group.Name, ["mailNickname"] = group.MailNickname } }),
            cancellationToken);
        return Results.Created($"/api/admin/groups/{group.Id}", new GroupView(group.Id, group.Name, group.MailNickname, []));
    }

    private static async Task<IResult> ListAsync(ConclaveDbContext db, CancellationToken cancellationToken)
    {
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).Take(1000).ToListAsync(cancellationToken);
        var views = new List<GroupView>(groups.Count);
        foreach (var group in groups)
        {
            views.Add(await ViewAsync(db, group, cancellationToken));
        }

        return Results.Ok(views);
    }

    private static async Task<IResult> GetAsync(string idOrName, ConclaveDbContext db, CancellationToken cancellationToken)
    {
        var group = await FindAsync(db, idOrName, cancellationToken);
        return group is null ? Problems.NotFound($"Group '{idOrName}'") : Results.Ok(await ViewAsync(db, group, cancellationToken));
    }

    private static async Task<IResult> AddMemberAsync(
        string idOrName, AddMember body, HttpContext context, ConclaveDbContext db, UserManager<ConclaveUser> users, IAuditLog audit,
        TimeProvider time, PolicyService policies, CancellationToken cancellationToken)
    {
        var group = await FindAsync(db, idOrName, cancellationToken);
        if (group is null)
        {
            return Problems.NotFound($"Group '{idOrName}'");
        }

        var user = await UserLookup.FindAsync(users, body.User);
        if (user is null)
        {
            return Problems.Invalid("user", ErrorCodes.Directory.UnknownUser, $"User '{body.User}' was not found.");
        }

        var added = false;
        await using (var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken))
        {
            if (!await db.GroupMemberships.AnyAsync(m => m.GroupId == group.Id && m.UserId == user.Id, cancellationToken))
            {
                db.GroupMemberships.Add(new GroupMembership { GroupId = group.Id, UserId = user.Id, AddedAt = time.GetUtcNow() });
                added = true;
            }

            var actor = AdminActor.Of(context);
            await change.CommitAsync(
                new AuditEntry(AuditActions.GroupMemberAdd, AuditOutcome.Success, actor.Id, actor.Upn, group.Name, actor.From,
                    new JsonObject { ["user"] = user.UserName }),
                cancellationToken);
        }

        if (added)
        {
            // A group assignment may now apply to the user: connected devices hear of it at once.
            await policies.MembershipChangedAsync(user.Id, cancellationToken);
        }

        return Results.Ok(await ViewAsync(db, group, cancellationToken));
    }

    private static async Task<IResult> RemoveMemberAsync(
        string idOrName, string user, HttpContext context, ConclaveDbContext db, UserManager<ConclaveUser> users, IAuditLog audit,
        PolicyService policies, CancellationToken cancellationToken)
    {
        var group = await FindAsync(db, idOrName, cancellationToken);
        var member = await UserLookup.FindAsync(users, user);
        var membership = group is null || member is null
            ? null
            : await db.GroupMemberships.FirstOrDefaultAsync(m => m.GroupId == group.Id && m.UserId == member.Id, cancellationToken);
        if (membership is null)
        {
            return Problems.NotFound($"Membership of '{user}' in '{idOrName}'");
        }

        await using (var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken))
        {
            db.GroupMemberships.Remove(membership);
            var actor = AdminActor.Of(context);
            await change.CommitAsync(
                new AuditEntry(AuditActions.GroupMemberRemove, AuditOutcome.Success, actor.Id, actor.Upn, group!.Name, actor.From,
                    new JsonObject { ["user"] = member!.UserName }),
                cancellationToken);
        }

        await policies.MembershipChangedAsync(member!.Id, cancellationToken);
        return Results.NoContent();
    }

    private static Task<GroupRecord?> FindAsync(ConclaveDbContext db, string idOrName, CancellationToken cancellationToken) =>
        db.Groups.FirstOrDefaultAsync(g => g.Id == idOrName || g.Name == idOrName, cancellationToken);

    private static async Task<GroupView> ViewAsync(ConclaveDbContext db, GroupRecord group, CancellationToken cancellationToken)
    {
        var members = await db.GroupMemberships.Where(m => m.GroupId == group.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.UserName!)
            .OrderBy(n => n)
            .ToListAsync(cancellationToken);
        return new GroupView(group.Id, group.Name, group.MailNickname, members);
    }
}
