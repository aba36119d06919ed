using System.Text.Json;
using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Schema;
using Conclave.Server.Directory;
using Conclave.Server.Http;
using Conclave.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Policies;

/// <summary>
/// /api/admin/policies: the Teams-shaped policy verbs (New/Set/Get/Remove/Grant, group
/// assignments, effective policy). Teams or Global administrators only; every change is audited
/// with before and after.
/// </summary>
public static class PolicyAdminEndpoints
{
    public static void MapPolicyAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(AdminPolicies.Directory);
        // Policy views are JSON objects whose members are each type's parameters (its schema is GET /api/admin/policies).
        admin.MapGet("/policies", () => Results.Ok(new JsonArray([.. PolicyTypes.All.Select(t => (JsonNode?)PolicyJson.Schema(t))]))).Produces<JsonObject[]>();
        admin.MapGet("/policies/{type}", ListAsync).Produces<JsonObject[]>().ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapPost("/policies/{type}", NewAsync).Produces<JsonObject>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/policies/{type}/grants", GrantAsync).Produces<JsonObject>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/policies/{type}/group-assignments", GroupAssignmentsAsync).Produces<JsonObject[]>().ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapDelete("/policies/{type}/group-assignments/{group}", RemoveGroupAssignmentAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/policies/{type}/{identity}", GetAsync).Produces<JsonObject>().ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPatch("/policies/{type}/{identity}", SetAsync).Produces<JsonObject>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapDelete("/policies/{type}/{identity}", RemoveAsync).Produces<JsonObject>().Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/effective-policy/{user}", EffectiveAsync).Produces<JsonObject[]>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(string type, PolicyService policies, CancellationToken cancellationToken)
    {
        if (PolicyTypes.Find(type) is not { } t)
        {
            return Problems.FromError(PolicyErrors.UnknownType(type));
        }

        var directory = await policies.DirectoryAsync(cancellationToken);
        return Results.Ok(new JsonArray([.. directory.GetAll(t).Select(p => (JsonNode?)PolicyJson.View(p))]));
    }

    private static async Task<IResult> GetAsync(string type, string identity, PolicyService policies, CancellationToken cancellationToken)
    {
        if (PolicyTypes.Find(type) is not { } t)
        {
            return Problems.FromError(PolicyErrors.UnknownType(type));
        }

        var policy = (await policies.DirectoryAsync(cancellationToken)).Get(t, identity);
        return policy.IsSuccess ? Results.Ok(PolicyJson.View(policy.Value)) : Problems.FromError(policy.Error);
    }

    private static Task<IResult> NewAsync(
        string type, NewPolicy body, HttpContext context, PolicyService policies, CancellationToken cancellationToken) =>
        ChangeAsync(type, context, policies, (d, t) => WithInput(t, body.Parameters, input => d.New(t, body.Identity ?? "", input)),
            (d, c) => Results.Created($"/api/admin/policies/{c.Type.Name}/{c.Policy}", PolicyJson.View(d.Get(c.Type, c.Policy!.Value.ToString()).Value)),
            cancellationToken);

    private static Task<IResult> SetAsync(
        string type, string identity, SetPolicy body, HttpContext context, PolicyService policies, CancellationToken cancellationToken) =>
        ChangeAsync(type, context, policies, (d, t) => WithInput(t, body.Parameters, input => d.Set(t, identity, input)),
            (d, c) => Results.Ok(PolicyJson.View(d.Get(c.Type, c.Policy!.Value.ToString()).Value)),
            cancellationToken);

    /// <summary>The settings of a New or Set as the engine's text, or the refusal of one whose JSON is not its parameter's type.</summary>
    private static Result<PolicyChange> WithInput(
        PolicyType type, IReadOnlyDictionary<string, JsonElement>? parameters, Func<IReadOnlyDictionary<string, string?>, Result<PolicyChange>> change)
    {
        var input = PolicyJson.ToInput(type, parameters);
        return input.IsSuccess ? change(input.Value) : input.Error;
    }

    private static Task<IResult> RemoveAsync(
        string type, string identity, HttpContext context, PolicyService policies, CancellationToken cancellationToken) =>
        ChangeAsync(type, context, policies, (d, t) => d.Remove(t, identity),
            (d, c) => c.Kind == PolicyChangeKind.PolicyReset
                ? Results.Ok(PolicyJson.View(d.Get(c.Type, "Global").Value))
                : Results.NoContent(),
            cancellationToken);

    private static async Task<IResult> GrantAsync(
        string type, GrantPolicy body, HttpContext context, PolicyService policies, ConclaveDbContext db,
        UserManager<ConclaveUser> users, CancellationToken cancellationToken)
    {
        var forms = (body.User is null ? 0 : 1) + (body.Group is null ? 0 : 1) + (body.Global == true ? 1 : 0);
        if (forms != 1)
        {
            return Problems.Invalid("user", ErrorCodes.Policy.InvalidGrant, "Give exactly one of 'user', 'group' or 'global': true.");
        }

        if (body.Rank is not null && body.Group is null)
        {
            return Problems.Invalid("rank", ErrorCodes.Policy.InvalidGrant, "'rank' is only for a group grant.");
        }

        Func<PolicyDirectory, PolicyType, Result<PolicyChange>> grant;
        string? targetName = null;
        if (body.User is not null)
        {
            var user = await UserLookup.FindAsync(users, body.User);
            if (user is null || !PolicyIds.TryUser(user.Id, out var userId))
            {
                return Problems.Invalid("user", ErrorCodes.Directory.UnknownUser, $"User '{body.User}' was not found.");
            }

            grant = (d, t) => d.GrantToUser(t, userId, body.PolicyName);
            targetName = user.UserName;
        }
        else if (body.Group is not null)
        {
            var group = await FindGroupAsync(db, body.Group, cancellationToken);
            if (group is null || !PolicyIds.TryGroup(group.Id, out var groupId))
            {
                return Problems.Invalid("group", ErrorCodes.Directory.UnknownGroup, $"Group '{body.Group}' was not found.");
            }

            grant = (d, t) => d.GrantToGroup(t, groupId, group.Name, body.PolicyName, body.Rank);
            targetName = group.Name;
        }
        else
        {
            grant = (d, t) => d.GrantToTenant(t, body.PolicyName);
        }

        return await ChangeAsync(type, context, policies, grant,
            (_, c) => Results.Ok(PolicyJson.Change(c, targetName)), cancellationToken, targetName);
    }

    private static async Task<IResult> GroupAssignmentsAsync(string type, PolicyService policies, CancellationToken cancellationToken)
    {
        if (PolicyTypes.Find(type) is not { } t)
        {
            return Problems.FromError(PolicyErrors.UnknownType(type));
        }

        var directory = await policies.DirectoryAsync(cancellationToken);
        return Results.Ok(directory.GetGroupAssignments(t).Select(a => new
        {
            policyType = t.Name,
            groupId = PolicyIds.Group(a.GroupId),
            groupName = a.GroupName,
            policyName = a.Policy.Identity.ToString(),
            rank = a.Rank,
        }));
    }

    private static async Task<IResult> RemoveGroupAssignmentAsync(
        string type, string group, HttpContext context, PolicyService policies, ConclaveDbContext db, CancellationToken cancellationToken)
    {
        var record = await FindGroupAsync(db, group, cancellationToken);
        if (!PolicyIds.TryGroup(record?.Id ?? group, out var groupId))
        {
            return Problems.NotFound($"Group '{group}'");
        }

        return await ChangeAsync(type, context, policies,
            (d, t) => d.RemoveGroupAssignment(t, groupId), (_, _) => Results.NoContent(), cancellationToken, record?.Name ?? group);
    }

    private static async Task<IResult> EffectiveAsync(
        string user, PolicyService policies, UserManager<ConclaveUser> users, CancellationToken cancellationToken)
    {
        var account = await UserLookup.FindAsync(users, user);
        if (account is null || !PolicyIds.TryUser(account.Id, out var userId))
        {
            return Problems.NotFound($"User '{user}'");
        }

        var directory = await policies.WithFreshGroupsAsync(userId, cancellationToken);
        return Results.Ok(new JsonArray([.. PolicyTypes.All.Select(t =>
        {
            var effective = directory.Resolve(userId, t);
            return (JsonNode?)new JsonObject
            {
                ["policyType"] = t.Name,
                ["source"] = effective.Explain(),
                ["policyIdentity"] = effective.Policy.Identity.ToString(),
                ["parameters"] = PolicyJson.Values(effective.Policy),
            };
        })]));
    }

    /// <summary>Applies the change, saved with its audit record in one transaction (<see cref="PolicyAudit.ByAdmin"/>).</summary>
    private static async Task<IResult> ChangeAsync(
        string type,
        HttpContext context,
        PolicyService policies,
        Func<PolicyDirectory, PolicyType, Result<PolicyChange>> change,
        Func<PolicyDirectory, PolicyChange, IResult> answer,
        CancellationToken cancellationToken,
        string? targetName = null)
    {
        if (PolicyTypes.Find(type) is not { } t)
        {
            return Problems.FromError(PolicyErrors.UnknownType(type));
        }

        var actor = AdminActor.Of(context);
        var result = await policies.ChangeAsync(d => change(d, t), c => PolicyAudit.ByAdmin(c, actor, targetName), cancellationToken);
        return result.IsSuccess
            ? answer(await policies.DirectoryAsync(cancellationToken), result.Value)
            : Problems.FromError(result.Error);
    }

    internal static Task<GroupRecord?> FindGroupAsync(ConclaveDbContext db, string idOrName, CancellationToken cancellationToken)
    {
        var nickname = idOrName.Split('@')[0];
        return db.Groups.FirstOrDefaultAsync(g => g.Id == idOrName || g.Name == idOrName || g.MailNickname == nickname, cancellationToken);
    }
}
